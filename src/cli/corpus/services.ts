/**
 * The services of a synthetic corpus: seed services plus built-in ones and their "… 파트너센터"-style
 * siblings, each with the domains (topic areas) it answers questions about.
 */
import { DOMAIN_HINTS, DOMAINS, EXTRA_SERVICES, PLATFORMS, SERVICE_SUFFIXES, type Domain } from './lexicon';
import type { Random } from './random';
import type { SeedVocabulary } from './seed-vocabulary';

/** One top-level category of the corpus and what it may be asked about. */
export interface ServiceProfile {
  name: string;
  domains: readonly Domain[];
  /** Real category tails from the seed FAQ (empty for built-in services). */
  seedMenuPaths: readonly (readonly string[])[];
  /** Platforms its how-tos are split by; apps have all of them, web consoles only PC/모바일 웹. */
  platforms: readonly string[];
}

const GENERIC_ACTIONS = ['확인', '설정', '변경', '삭제', '등록', '신청', '조회'];
const CONSOLE = /센터|관리자|광고|비즈니스|파트너/;

/** A domain made of the seed FAQ's own nouns, so generated text keeps the real FAQ's vocabulary. */
function seedDomain(vocab: SeedVocabulary): Domain | undefined {
  if (vocab.nouns.length < 2) return undefined;
  return { name: '일반', menus: ['이용 안내', '서비스 안내', '자주 묻는 질문'], targets: vocab.nouns, actions: GENERIC_ACTIONS };
}

function domainsFor(name: string, general: Domain | undefined, rng: Random): Domain[] {
  const chosen: Domain[] = [];
  for (const [hint, domainName] of DOMAIN_HINTS) {
    const domain = DOMAINS.find((d) => d.name === domainName);
    if (name.includes(hint) && domain && !chosen.includes(domain)) chosen.push(domain);
  }
  const wanted = rng.int(2, 3);
  for (const domain of rng.sample(DOMAINS, DOMAINS.length)) {
    if (chosen.length >= wanted) break;
    if (!chosen.includes(domain)) chosen.push(domain);
  }
  if (general && rng.chance(0.4)) chosen.push(general);
  return chosen;
}

/**
 * Builds the service list: seed services first (file order), then built-in ones, then one or two suffixed
 * siblings per built-in service. Roughly 75 services with the bundled seed.
 */
export function buildServices(vocab: SeedVocabulary, rng: Random): ServiceProfile[] {
  const names: string[] = [...vocab.services];
  for (const base of EXTRA_SERVICES) if (!names.includes(base)) names.push(base);
  for (const base of EXTRA_SERVICES) {
    if (CONSOLE.test(base)) continue; // no "… 파트너센터 관리자센터"
    for (const suffix of rng.sample(SERVICE_SUFFIXES, rng.int(1, 2))) {
      const name = `${base} ${suffix}`;
      if (!names.includes(name)) names.push(name);
    }
  }
  const general = seedDomain(vocab);
  return names.map((name) => ({
    name,
    domains: domainsFor(name, general, rng),
    seedMenuPaths: vocab.menuPaths.get(name) ?? [],
    platforms: CONSOLE.test(name) ? ['PC버전', '모바일 웹'] : PLATFORMS,
  }));
}
