/**
 * Reads what a tester looks at from a response body of unknown shape: outcome, output types, card
 * titles, bubble texts, buttons and quick reply labels. Never throws; a missing part reads as empty.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface ButtonView {
  label?: string;
  action?: string;
  webLinkUrl?: string;
}

export interface ResponseView {
  data: Record<string, unknown>;
  outcome?: string;
  /** The single key of each output, e.g. ["simpleText", "carousel"]. */
  outputTypes: string[];
  /** Titles of every card, including carousel items and list card headers. */
  cardTitles: string[];
  /** simpleText texts and card descriptions. */
  texts: string[];
  buttons: ButtonView[];
  quickReplyLabels: string[];
  /** `data.candidates` as `{faqId, question}`. */
  candidates: { faqId?: string; question?: string }[];
  /** `error` of a 4xx body. */
  error?: { code?: string; path?: string; message?: string };
}

export function viewResponse(body: unknown): ResponseView {
  const root = isObject(body) ? body : {};
  const data = isObject(root['data']) ? root['data'] : {};
  const template = isObject(root['template']) ? root['template'] : {};
  const view: ResponseView = {
    data,
    outcome: asString(data['outcome']),
    outputTypes: [],
    cardTitles: [],
    texts: [],
    buttons: [],
    quickReplyLabels: asArray(template['quickReplies'])
      .map((q) => (isObject(q) ? asString(q['label']) : undefined))
      .filter((l): l is string => l !== undefined),
    candidates: asArray(data['candidates']).filter(isObject).map((c) => ({ faqId: asString(c['faqId']), question: asString(c['question']) })),
  };
  for (const output of asArray(template['outputs'])) {
    if (!isObject(output)) continue;
    const [type] = Object.keys(output);
    if (type === undefined) continue;
    view.outputTypes.push(type);
    const component = output[type];
    if (type === 'carousel' && isObject(component)) {
      if (isObject(component['header'])) readCard(component['header'], view);
      for (const item of asArray(component['items'])) if (isObject(item)) readCard(item, view);
    } else if (isObject(component)) {
      readCard(component, view);
    }
  }
  if (isObject(root['error'])) {
    const e = root['error'];
    view.error = { code: asString(e['code']), path: asString(e['path']), message: asString(e['message']) };
  }
  return view;
}

function readCard(card: Record<string, unknown>, view: ResponseView): void {
  const title = asString(card['title']) ?? (isObject(card['header']) ? asString(card['header']['title']) : undefined);
  if (title !== undefined) view.cardTitles.push(title);
  for (const key of ['text', 'description']) {
    const text = asString(card[key]);
    if (text !== undefined) view.texts.push(text);
  }
  for (const item of asArray(card['items'])) {
    if (isObject(item) && asString(item['title']) !== undefined) view.texts.push(item['title'] as string);
  }
  for (const b of asArray(card['buttons'])) {
    if (isObject(b)) view.buttons.push({ label: asString(b['label']), action: asString(b['action']), webLinkUrl: asString(b['webLinkUrl']) });
  }
}

/** The answer-page path for an FAQ id, as the server links it (`PUBLIC_BASE_URL/faq/<id>`). */
export function answerPagePath(faqId: string): string {
  return `/faq/${encodeURIComponent(faqId)}`;
}

/** The pathname of a URL, or undefined when it is not one. */
export function urlPath(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}
