/**
 * Deterministic synthetic SEO keyword lists: topics (qualifier × product) expanded
 * through search-query templates ("best X for Y", "how to clean X", "X vs Y",
 * "X near me", prices, years, brands), with heavy-tailed topic popularity and search
 * volumes, and a few typos. The label of a keyword is its topic.
 */
import type { LabelledKeyword } from './datasets';

/** mulberry32: tiny, fast, good enough for test data; same seed → same stream. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = (
  'headphones,bluetooth speaker,standing desk,office chair,coffee maker,espresso machine,vacuum cleaner,air fryer,' +
  'blender,backpack,camping tent,kayak,desk lamp,mattress,pillow,wifi router,keyboard,gaming mouse,monitor,laptop stand,' +
  'water bottle,yoga mat,treadmill,bike helmet,dash cam,drone,printer,gas grill,knife set,pressure cooker,toaster,' +
  'electric kettle,humidifier,ceiling fan,space heater,mirrorless camera,tripod,microphone,webcam,smartwatch,' +
  'fitness tracker,running shoes,hiking boots,rain jacket,sunglasses,suitcase,car seat,stroller,crib,dog bed,' +
  'litter box,aquarium,garden hose,lawn mower,pressure washer,cordless drill,circular saw,ladder,shower head,' +
  'kitchen faucet,toilet,bookshelf,sofa,area rug,blackout curtains,air purifier,dehumidifier,robot vacuum,' +
  'electric toothbrush,hair dryer,beard trimmer,massage gun,rowing machine,dumbbells,sleeping bag,fishing rod,' +
  'solar panel,power bank,phone case,tablet,e reader,projector,soundbar,baby monitor,security camera,smart lock'
).split(',');

const QUALIFIERS = (
  ',,,wireless,portable,electric,wooden,stainless steel,smart,folding,waterproof,ergonomic,outdoor,mini,' +
  'professional,budget,luxury,heavy duty,lightweight,compact,cordless,quiet,large,kids,organic,vintage,modern'
).split(',');

const AUDIENCE =
  'kids,women,men,beginners,seniors,small spaces,travel,home office,students,professionals,apartments,college,tall people,back pain,families'.split(
    ',',
  );
const CITIES =
  'chicago,houston,phoenix,dallas,austin,denver,seattle,boston,miami,atlanta,portland,london,toronto,sydney'.split(',');
const COLORS = 'black,white,grey,blue,red,green,pink,beige,navy,rose gold'.split(',');
const SYLLABLES = 'ka,lo,vi,ra,zen,tor,mi,sa,nex,qu,ar,bel,dor,fi,go,hu,ix,jo'.split(',');

interface Ctx {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  brands: string[];
}
type Template = (t: string, c: Ctx) => string;
const TEMPLATES: Template[] = [
  (t) => t,
  (t) => `best ${t}`,
  (t, { pick: p }) => `best ${t} for ${p(AUDIENCE)}`,
  (t, { pick: p }) => `${t} for ${p(AUDIENCE)}`,
  (t, { pick: p }) => `how to ${p(['clean', 'use', 'fix', 'choose', 'install', 'set up', 'repair', 'store'])} a ${t}`,
  (t) => `what is the best ${t}`,
  (t) => `${t} near me`,
  (t, { pick: p }) => `${t} in ${p(CITIES)}`,
  (t) => `cheap ${t}`,
  (t, { r }) => `${t} under ${[50, 100, 150, 200, 300, 500, 1000][Math.floor(r() * 7)]} dollars`,
  (t, { r }) => `best ${t} ${2019 + Math.floor(r() * 8)}`,
  (t, { r }) => `${t} ${2019 + Math.floor(r() * 8)}`,
  (t) => `${t} reviews`,
  (t) => `${t} review`,
  (t, { pick: p, brands }) => `${p(brands)} ${t}`,
  (t, { pick: p, brands }) => `${p(brands)} ${t} review`,
  (t) => `${t} price`,
  (t) => `buy ${t} online`,
  (t) => `${t} deals`,
  (t) => `${t} sale`,
  (t) => `is a ${t} worth it`,
  (t, { pick: p }) => `${p(COLORS)} ${t}`,
  (t) => `${t} accessories`,
  (t) => `${t} replacement parts`,
];

/** n labelled keywords; the number of topics grows with n (about 40 keywords each). */
export function syntheticKeywords(n: number, seed: number): LabelledKeyword[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ctx: Ctx = {
    r,
    pick,
    brands: Array.from({ length: 60 }, () => pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES)),
  };
  const all: string[] = [];
  for (const p of PRODUCTS) for (const q of new Set(QUALIFIERS)) all.push(q ? `${q} ${p}` : p);
  // Seeded Fisher–Yates: which topics exist and their popularity rank.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const topics = all.slice(0, Math.max(2, Math.min(all.length, Math.round(n / 40))));
  // Popularity ∝ rank^-0.6: a few head topics with hundreds of keywords, a long tail.
  const weights = topics.map((_, i) => Math.pow(i + 1, -0.6));
  const cumulative: number[] = [];
  weights.reduce((s, w) => (cumulative.push(s + w), s + w), 0);
  const total = cumulative[cumulative.length - 1]!;
  const out: LabelledKeyword[] = [];
  for (let i = 0; i < n; i++) {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const topic = topics[lo]!;
    const template = TEMPLATES[Math.floor(r() * TEMPLATES.length)]!;
    let phrase = r() < 0.04 ? `${template(topic, ctx)} vs ${pick(topics)}` : template(topic, ctx);
    if (r() < 0.03) phrase = typo(phrase, r);
    out.push({ id: `s${i}`, phrase, volume: volume(r, phrase), label: topic });
  }
  return out;
}

/** Pareto-distributed monthly volume (α≈1.2); longer phrases are searched less. */
function volume(r: () => number, phrase: string): number {
  const words = phrase.split(' ').length;
  const v = (20 * Math.pow(1 - r(), -1 / 1.2)) / Math.max(1, words - 1);
  return Math.min(1_000_000, Math.round(v / 10) * 10);
}

/** Swaps two adjacent letters, as a hurried searcher does. */
function typo(s: string, r: () => number): string {
  const i = 1 + Math.floor(r() * (s.length - 2));
  if (s[i] === ' ' || s[i + 1] === ' ' || i + 1 >= s.length) return s;
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}
