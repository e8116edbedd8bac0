/**
 * Deterministic synthetic FAQ corpora for benchmarks: the same `{ size, seed }` (and seed file) always gives
 * the same entries, byte for byte, so a bench run can be repeated and two engines compared on equal input.
 */
import { URL_SLUGS, type Domain } from './lexicon';
import { createRandom, deriveSeed, type Random } from './random';
import { extractSeedVocabulary, readSeedEntries, type SeedEntry } from './seed-vocabulary';
import { buildServices, type ServiceProfile } from './services';
import {
  ANSWER_SENTENCES,
  BULLETS,
  BULLETS_INTRO,
  QUESTION_QUALIFIERS,
  QUESTION_TEMPLATES,
  STEPS,
  STEPS_INTROS,
  fill,
  type Slots,
} from './templates';

/** An entry in the data/faq.json shape (structurally a `FaqEntry` and a matcher `MatchDocument`). */
export interface FaqEntryLike {
  id: string;
  categories: string[];
  question: string;
  alternateQuestions: string[];
  keywords: string[];
  answer: string;
  landingUrl?: string;
}

/** Input of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Exact number of entries to produce (a non-negative integer). */
  size: number;
  /** Any integer; folded to 32 bits. */
  seed: number;
  /** Seed FAQ entries for vocabulary; defaults to data/faq.json. */
  seedEntries?: readonly SeedEntry[];
}

/** An answer as a list of templates, kept so a near-duplicate can re-render it with other slot values. */
interface Recipe {
  path: string[];
  question: string;
  answer: { template: string; newline: boolean }[];
  slots: Slots;
  domain: Domain;
}

// Weighted towards 2–4 sentences, as in the seed FAQ; 8 is rare.
const SENTENCE_COUNTS = [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8];
const PLATFORM_FAMILY = 0.12;
const SERVICE_FAMILY = 0.05;

function helpUrl(rng: Random): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `https://cs.kakao.com/helps?service=${rng.int(1, 200)}&category=${rng.int(100, 999)}`;
    case 1:
      return `https://business.kakao.com/info/${rng.pick(URL_SLUGS)}/`;
    default:
      return `https://kakaobusiness.gitbook.io/main/${rng.pick(URL_SLUGS)}/${rng.pick(URL_SLUGS)}`;
  }
}

/** Category path: service, a menu (real seed path or domain menu), maybe a sub-menu, maybe a platform. */
function categoryPath(
  service: ServiceProfile,
  domain: Domain,
  target: string,
  rng: Random,
): { path: string[]; platform?: string } {
  const subMenu = () => (rng.chance(0.5) ? `${target.replace(/\s+/g, '')}관리` : `${target} 안내`);
  const tail: string[] =
    service.seedMenuPaths.length > 0 && rng.chance(0.3)
      ? [...rng.pick(service.seedMenuPaths)]
      : [rng.pick(domain.menus), ...(rng.chance(0.6) ? [subMenu()] : [])];
  const last = tail[tail.length - 1];
  // A seed path may already end in a platform (카카오톡 > 멀티프로필 > iOS); answers must then name that one.
  if (last !== undefined && service.platforms.includes(last)) return { path: [service.name, ...tail], platform: last };
  if (tail.length < 3 && rng.chance(0.35)) {
    const platform = rng.pick(service.platforms);
    return { path: [service.name, ...tail, platform], platform };
  }
  return { path: [service.name, ...tail] };
}

function answerPlan(rng: Random, seedSentences: readonly string[]): Recipe['answer'] {
  const count = rng.pick(SENTENCE_COUNTS);
  const plan: Recipe['answer'] = rng.sample(ANSWER_SENTENCES, count).map((template) => ({ template, newline: false }));
  if (seedSentences.length > 0 && rng.chance(0.15)) {
    plan.splice(rng.int(0, plan.length), 0, { template: rng.pick(seedSentences), newline: false });
  }
  const withList = rng.chance(0.3);
  if (withList && rng.chance(0.67)) {
    plan.push({ template: rng.pick(STEPS_INTROS), newline: plan.length > 0 });
    const steps = rng.sample(STEPS, rng.int(2, 5)).sort((a, b) => STEPS.indexOf(a) - STEPS.indexOf(b));
    steps.forEach((step, i) => plan.push({ template: `${i + 1}. ${step}`, newline: true }));
  } else if (withList) {
    plan.push({ template: BULLETS_INTRO, newline: plan.length > 0 });
    for (const item of rng.sample(BULLETS, rng.int(2, 4))) plan.push({ template: `- ${item}`, newline: true });
  }
  if (rng.chance(0.25)) plan.push({ template: '자세한 내용은 {U} 에서 확인해 주세요.', newline: withList });
  return plan;
}

function newRecipe(services: readonly ServiceProfile[], seedSentences: readonly string[], rng: Random): Recipe {
  const service = rng.pick(services);
  const domain = rng.pick(service.domains);
  const target = rng.pick(domain.targets);
  const others = domain.targets.filter((t) => t !== target);
  const { path, platform } = categoryPath(service, domain, target, rng);
  const slots: Slots = {
    S: service.name,
    M: path.slice(1, platform ? -1 : undefined).join(' > ') || rng.pick(domain.menus),
    T: target,
    T2: others.length > 0 ? rng.pick(others) : target,
    // "이모티콘 제안 제안", "예약취소 취소": skip actions already inside the target.
    A: rng.pick(domain.actions.filter((a) => !target.includes(a))),
    P: platform ?? rng.pick(service.platforms),
    N: String(rng.int(1, 14)),
    U: helpUrl(rng),
  };
  const template = rng.pick(QUESTION_TEMPLATES);
  const qualified = !/\{[SP][:}]/.test(template) && rng.chance(0.45);
  const question = qualified ? rng.pick(QUESTION_QUALIFIERS) + template : template;
  return { path, question, answer: answerPlan(rng, seedSentences), slots, domain };
}

/** Same question under other platforms (the 멀티프로필 iOS/안드로이드/Windows pattern) or another service. */
function nearDuplicates(recipe: Recipe, services: readonly ServiceProfile[], rng: Random): Recipe[] {
  const platform = recipe.path.length > 2 ? recipe.path[recipe.path.length - 1] : undefined;
  const service = services.find((s) => s.name === recipe.slots.S);
  if (platform && service?.platforms.includes(platform) && rng.chance(PLATFORM_FAMILY)) {
    return rng.sample(service.platforms.filter((p) => p !== platform), rng.int(1, 3)).map((p) => ({
      ...recipe,
      path: [...recipe.path.slice(0, -1), p],
      slots: { ...recipe.slots, P: p },
    }));
  }
  if (rng.chance(SERVICE_FAMILY)) {
    const siblings = services.filter((s) => s.name !== recipe.slots.S && s.domains.includes(recipe.domain));
    if (siblings.length === 0) return [];
    const other = rng.pick(siblings);
    return [{ ...recipe, path: [other.name, ...recipe.path.slice(1)], slots: { ...recipe.slots, S: other.name } }];
  }
  return [];
}

function render(recipe: Recipe, n: number, rng: Random): FaqEntryLike {
  const { slots } = recipe;
  const answer = recipe.answer
    .map((part, i) => (i === 0 ? '' : part.newline ? '\n' : ' ') + fill(part.template, slots))
    .join('');
  const entry: FaqEntryLike = {
    id: `gen-${n}`,
    categories: recipe.path,
    question: fill(recipe.question, slots),
    alternateQuestions: rng.chance(0.1) ? [fill(rng.pick(QUESTION_TEMPLATES), slots)] : [],
    keywords: rng.chance(0.2) ? [...new Set([slots.T, slots.A])] : [],
    answer: answer.trim() || fill('{T:은/는} {S:에서} 확인할 수 있습니다.', slots),
  };
  if (rng.chance(0.08)) entry.landingUrl = slots.U;
  return entry;
}

/**
 * Generates `size` FAQ entries with ids `gen-1` … `gen-<size>`: many services × 2–4 category levels ×
 * question templates × answers of 1–8 sentences (some with numbered or bulleted lists and URLs), with about
 * one entry in six belonging to a near-duplicate family (same question, other platform or service).
 *
 * @example generateCorpus({ size: 10_000, seed: 1 })
 */
export function generateCorpus(options: CorpusOptions): FaqEntryLike[] {
  const { size, seed } = options;
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  const vocab = extractSeedVocabulary(options.seedEntries ?? readSeedEntries());
  const services = buildServices(vocab, createRandom(deriveSeed(seed, 'services')));
  const rng = createRandom(deriveSeed(seed, 'entries'));
  const entries: FaqEntryLike[] = [];
  while (entries.length < size) {
    const recipe = newRecipe(services, vocab.sentences, rng);
    for (const r of [recipe, ...nearDuplicates(recipe, services, rng)]) {
      if (entries.length < size) entries.push(render(r, entries.length + 1, rng));
    }
  }
  return entries;
}
