/**
 * Canned replies for the mock provider, shaped like the structured outputs of the server's AI
 * functions (apps/server/src/ai/functions/*), so the pipeline produces realistic data: long
 * articles with several sections, hence several in-article images per article.
 */

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('en') + s.slice(1);

/** A description that fits every cluster of the coffee site. */
export const CLUSTER_DESCRIPTION = {
  description:
    'Home baristas searching these terms want practical, hands-on advice: which equipment to choose, how to use it well and which mistakes to avoid.',
};

/** The reply to one "cluster_ideas" call: `count` ideas for the cluster named `name`. */
export function ideasReply(name: string, count: number): object {
  const plans = [
    { type: 'how-to', title: `${capital(name)}: a step-by-step guide for home baristas`, words: 2200 },
    { type: 'listicle', title: `${capital(name)}: 9 expert tips that make a real difference`, words: 1800 },
    { type: 'pillar', title: `${capital(name)}: the complete guide`, words: 3000 },
  ] as const;
  return {
    ideas: plans.slice(0, count).map((p) => ({
      title: p.title,
      summary: `For home coffee lovers who want better results from ${name}: concrete steps, equipment advice and the mistakes that ruin a cup.`,
      contentType: p.type,
      outline: sectionsFor(name).map((text) => ({ level: 2, text })),
      primaryKeyword: name,
      secondaryKeywords: [],
      targetWordCount: p.words,
    })),
  };
}

/** H2 sections of every canned article after the first (which names the keyword); in-article images go after these. */
export const ARTICLE_SECTIONS = [
  'Choosing the right equipment',
  'Step by step',
  'Common mistakes to avoid',
  'Frequently asked questions',
] as const;

function sectionsFor(keyword: string): string[] {
  return [`${capital(keyword)}: why it matters`, ...ARTICLE_SECTIONS];
}

const SENTENCES = [
  'Start with freshly roasted beans and grind them just before you brew, because ground coffee loses its aroma within minutes.',
  'Weigh both the coffee and the water: a kitchen scale removes most of the guesswork and makes every cup repeatable.',
  'Water just off the boil, around 93 to 96 degrees Celsius, extracts sweetness without pulling out harsh bitterness.',
  'If the cup tastes sour, grind finer or brew a little longer; if it tastes bitter, do the opposite.',
  'Clean equipment matters more than expensive equipment, since old coffee oils turn rancid and flatten the flavour.',
  'Filtered water with a moderate mineral content brings out the fruit and chocolate notes that tap water can mute.',
  'Change one variable at a time and write down what you did, so that a great cup is something you can make again.',
  'Most beginners use too little coffee; a ratio of about one gram of coffee to sixteen grams of water is a good start.',
  'Preheating the brewer and the cup keeps the temperature stable and the flavour balanced from the first sip to the last.',
  'Store beans in an airtight container away from light and heat, and buy only as much as you will use in two weeks.',
];

function paragraph(keyword: string, seed: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(SENTENCES[(seed + i * 3) % SENTENCES.length]!);
  parts.splice(2, 0, `This is especially true for ${keyword}, where small changes show up clearly in the cup.`);
  return `<p>${parts.join(' ')}</p>`;
}

/**
 * The reply to one "article_frame" call (intro, conclusion, FAQ and meta of the article titled
 * `title`); the sections are the mock's answers of the asked length (see `queueArticles`).
 */
export function articleFrameReply(title: string, keyword: string): object {
  return {
    title,
    metaTitle: capital(keyword).slice(0, 60),
    metaDescription:
      `Everything about ${keyword}: the right equipment, a step-by-step method and the mistakes to avoid, from home baristas.`.slice(
        0,
        160,
      ),
    excerpt: `A practical guide to ${keyword}. Learn which equipment to choose, how to brew step by step and how to fix the most common problems.`,
    introHtml: [
      `<p>${capital(keyword)} is easier to get right than most people think. This guide walks through the equipment, the technique and the small details that separate an average cup from a great one.</p>`,
      paragraph(keyword, 0),
    ].join('\n'),
    conclusionHtml: [paragraph(keyword, 1), paragraph(keyword, 2)].join('\n'),
    faq: ['How much coffee should I use?', 'Which grind size is best?', 'How long does it keep?'].map(
      (question, n) => ({ question, answerHtml: paragraph(keyword, n + 3) }),
    ),
  };
}

/**
 * Scripts the mock to write these articles: every section answered at the length the writer
 * asks for, and each article's frame (title, meta, intro, conclusion, FAQ) from `articleFrameReply`,
 * matched to its article by title (articles are written in parallel).
 */
export async function queueArticles(
  control: {
    setAnswerLength(l: { ratio: number }): Promise<void>;
    queueChatReply(reply: object, times?: number, match?: string): Promise<void>;
  },
  articles: { title: string; primaryKeyword: string }[],
  times = 1,
): Promise<void> {
  await control.setAnswerLength({ ratio: 1 });
  for (const a of articles)
    await control.queueChatReply(
      articleFrameReply(a.title, a.primaryKeyword),
      times,
      `${JSON.stringify(a.title).slice(1, -1)}\\" are written`,
    );
}

/** The reply to one "image_prompts" call: a featured image and one after each of four sections. */
export function imagePromptsReply(keyword: string): object {
  const shot = (what: string) => ({
    prompt: `A bright, natural-light photograph of ${what} on a wooden kitchen counter, shallow depth of field, no text or logos`,
    alt: `${capital(what)}`,
    caption: capital(what),
  });
  return {
    featured: shot(`${keyword} being prepared at home`),
    inline: ARTICLE_SECTIONS.slice(0, 4).map((afterHeading, n) => ({
      afterHeading,
      ...shot(
        [
          'a freshly ground coffee dose',
          'home coffee brewing equipment',
          'hands pouring water over coffee',
          'a finished cup of coffee',
        ][n]!,
      ),
    })),
  };
}
