import { normalizeText } from '../matcher';

/**
 * The form two questions (or two user messages) are compared in: the matcher's normalisation (Unicode,
 * case, punctuation, repeated marks such as ?? and ㅠㅠ) with all spacing removed, because Korean spacing
 * varies ("생일 케이크 예약돼요?" / "생일케이크 예약 돼요??"). Equal keys mean the matcher cannot tell the
 * texts apart.
 */
export function questionKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}
