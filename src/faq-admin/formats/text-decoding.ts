/**
 * Spreadsheet exports come in several encodings: UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode
 * text") and, from Korean Excel's "CSV (쉼표로 분리)", CP949/EUC-KR. Reading CP949 as UTF-8 would import
 * mojibake without any error, so the encoding is detected, and reported when it is not UTF-8.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'euc-kr';
}

/** Decodes a text file's bytes; undefined when they are neither UTF-8, UTF-16 with a BOM, nor EUC-KR. */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  for (const encoding of ['utf-8', 'euc-kr'] as const) {
    try {
      // ignoreBOM: false (the default) strips a UTF-8 BOM
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
    } catch {
      // not this encoding; try the next
    }
  }
  return undefined;
}
