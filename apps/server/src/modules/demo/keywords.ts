import type { Intent, KeywordInput } from '@igny8/contracts';

/**
 * The demo site's keywords: a home-coffee blog, written by us. Each topic has a
 * head term and the modifiers people really search with; volumes fall off with
 * the modifier's rank so the list looks like a keyword tool's export.
 */
const topics: { head: string; volume: number; intent: Intent; phrases: string[] }[] = [
  {
    head: 'cold brew',
    volume: 12000,
    intent: 'informational',
    phrases: ['how to make cold brew', 'cold brew recipe', 'cold brew ratio', 'cold brew coffee at home', 'cold brew concentrate', 'cold brew vs iced coffee', 'how long to steep cold brew', 'best coffee for cold brew', 'cold brew with french press', 'cold brew caffeine content', 'nitro cold brew at home', 'cold brew in mason jar', 'cold brew grind size', 'how long does cold brew last', 'cold brew maker', 'sweet cream cold brew recipe', 'cold brew without filter', 'cold brew tea vs coffee', 'is cold brew less acidic', 'cold brew coffee bags'],
  },
  {
    head: 'espresso machine',
    volume: 33000,
    intent: 'commercial',
    phrases: ['best espresso machine', 'best espresso machine for home', 'espresso machine under 500', 'cheap espresso machine', 'best espresso machine for beginners', 'breville barista express review', 'espresso machine with grinder', 'manual espresso machine', 'semi automatic espresso machine', 'super automatic espresso machine', 'best dual boiler espresso machine', 'espresso machine vs nespresso', 'how to clean espresso machine', 'descaling espresso machine', 'espresso machine maintenance', 'best compact espresso machine', 'lever espresso machine', 'espresso machine buying guide', 'commercial espresso machine for home', 'espresso machine deals'],
  },
  {
    head: 'pour over coffee',
    volume: 9900,
    intent: 'informational',
    phrases: ['pour over coffee guide', 'how to make pour over coffee', 'pour over coffee ratio', 'v60 recipe', 'chemex vs v60', 'best pour over coffee maker', 'pour over grind size', 'pour over water temperature', 'kalita wave recipe', 'pour over bloom time', 'gooseneck kettle for pour over', 'pour over vs drip coffee', 'chemex recipe', 'pour over coffee for two', 'pour over filters paper vs metal', 'hario v60 02 vs 01', 'pour over technique', 'pour over coffee stand', 'iced pour over coffee', 'pour over brew time'],
  },
  {
    head: 'french press',
    volume: 14800,
    intent: 'informational',
    phrases: ['how to use a french press', 'french press coffee ratio', 'french press grind size', 'french press brew time', 'best french press', 'how to clean a french press', 'french press vs drip coffee', 'french press cold brew', 'french press without sludge', 'stainless steel french press', 'french press for one', 'bodum chambord review', 'french press water temperature', 'french press tea', 'french press coffee strength', 'french press vs aeropress', 'glass vs steel french press', 'french press mistakes', 'french press recipe', 'french press replacement filter'],
  },
  {
    head: 'coffee grinder',
    volume: 18100,
    intent: 'commercial',
    phrases: ['best coffee grinder', 'burr vs blade grinder', 'best burr grinder', 'manual coffee grinder', 'best grinder for espresso', 'coffee grinder under 100', 'conical vs flat burr', 'how to clean coffee grinder', 'baratza encore review', 'best hand grinder for pour over', 'coffee grinder settings chart', 'electric coffee grinder', 'quiet coffee grinder', 'single dose grinder', 'grind size chart', 'coffee grinder for french press', 'commandante c40 review', 'coffee grinder vs spice grinder', 'how to grind coffee without a grinder', 'best travel coffee grinder'],
  },
  {
    head: 'coffee beans',
    volume: 27100,
    intent: 'transactional',
    phrases: ['best coffee beans', 'best espresso beans', 'single origin coffee beans', 'light roast vs dark roast', 'how to store coffee beans', 'coffee beans subscription', 'ethiopian coffee beans', 'colombian coffee beans', 'decaf coffee beans', 'arabica vs robusta', 'freshly roasted coffee beans', 'whole bean coffee', 'coffee beans for cold brew', 'how long do coffee beans last', 'organic coffee beans', 'best coffee beans for french press', 'medium roast coffee beans', 'coffee bean roast dates', 'coffee beans near me', 'buy coffee beans online'],
  },
  {
    head: 'latte art',
    volume: 8100,
    intent: 'informational',
    phrases: ['latte art for beginners', 'how to make latte art', 'latte art heart', 'latte art tulip', 'latte art rosetta', 'milk frothing for latte art', 'best milk for latte art', 'latte art pitcher', 'latte art with oat milk', 'latte art without espresso machine', 'steaming milk at home', 'microfoam milk', 'latte art tips', 'latte art practice', 'latte art pen', 'swan latte art', 'latte vs cappuccino', 'flat white vs latte', 'how to steam milk without steam wand', 'milk frother for latte art'],
  },
  {
    head: 'aeropress',
    volume: 6600,
    intent: 'informational',
    phrases: ['aeropress recipe', 'aeropress inverted method', 'aeropress vs french press', 'aeropress espresso', 'aeropress grind size', 'aeropress ratio', 'aeropress go review', 'aeropress cold brew', 'world aeropress championship recipes', 'aeropress filters', 'aeropress for two', 'aeropress water temperature', 'aeropress bypass method', 'aeropress flow control cap', 'aeropress iced coffee', 'aeropress clear review', 'aeropress tips', 'aeropress vs v60', 'aeropress brew time', 'aeropress travel'],
  },
];

export function demoKeywords(): KeywordInput[] {
  const out: KeywordInput[] = [];
  for (const t of topics) {
    t.phrases.forEach((phrase, rank) => {
      // Deterministic pseudo-metrics: heavy-tailed volume, difficulty rising with volume.
      const volume = Math.max(20, Math.round((t.volume / (rank + 1.5)) / 10) * 10);
      const intent: Intent = /best|review|vs|under|deals|cheap/.test(phrase) ? 'commercial' : /buy|near me|subscription|online/.test(phrase) ? 'transactional' : t.intent;
      out.push({
        phrase,
        volume,
        difficulty: Math.min(95, Math.round(15 + Math.log10(volume) * 12 + (rank % 5) * 3)),
        cpc: Math.round((0.3 + (intent === 'informational' ? 0.2 : 1.4) * ((rank % 7) + 1) * 0.35) * 100) / 100,
        intent,
      });
    });
  }
  return out;
}
