import type { PromptFunction, PromptText } from '@igny8/contracts';
import { variablesIn } from './templates';

export interface PromptVariable {
  name: string;
  description: string;
  /** what the preview fills it with */
  sample: string;
}

export interface PromptDefinition {
  function: PromptFunction;
  label: string;
  description: string;
  variables: PromptVariable[];
  default: PromptText;
}

const v = (name: string, description: string, sample: string): PromptVariable => ({ name, description, sample });

const language = v('language', 'the site’s language code', 'en');
const niche = v('niche', 'what the site covers', 'home coffee brewing');
const brandVoice = v(
  'brand_voice',
  'the brand voice in force (the writer task’s, else the site’s), as instructions',
  'Write as “Barista Bea”. Tone: warm, practical. Audience: home brewers. Point of view: first person plural (we).',
);

/** The variables every article prompt has (section, extend, frame), then its own. */
const articleVars = (...own: PromptVariable[]): PromptVariable[] => [
  v('title', 'the writer task’s title', 'How to make cold brew at home'),
  v('keyword', 'the primary keyword', 'cold brew'),
  v('secondary_keywords', 'other keywords to cover, comma-separated', 'cold brew ratio, cold brew concentrate'),
  v('cluster', 'the keyword cluster’s name', 'Cold brew coffee'),
  v(
    'outline',
    'the outline, one heading a line (## H2, ### H3)',
    '## What you need\n## Step by step\n### Grind size\n## Common mistakes',
  ),
  v(
    'content_type',
    'the content type: article, how-to guide, listicle, comparison, review, pillar page…',
    'how-to guide',
  ),
  v(
    'type_rules',
    'how sections of this content type are written',
    'Use the imperative; in step sections give numbered steps.',
  ),
  ...own,
  language,
  niche,
  brandVoice,
];

const ARTICLE_SYSTEM =
  'You are an expert writer producing publish-ready SEO content: a {content_type}. Write in the language with code "{language}". Be concrete, accurate and useful; no filler, no repetition of other sections. The site covers: {niche}.\n\nBrand voice:\n{brand_voice}';

/**
 * Every editable prompt: its default (in code), and the variables it may use. An account's or an item's override
 * is checked against the same list, so an override can only say what the default could.
 */
export const promptDefinitions: Record<PromptFunction, PromptDefinition> = {
  article: {
    function: 'article',
    label: 'Article section',
    description:
      'Writes one section of an article (the article is written section by section, each with its word budget; intro, conclusion, FAQ and meta follow in the “Article frame” prompt). Answer field: html.',
    variables: articleVars(
      v('section', 'the heading of the section being written', 'Step by step'),
      v(
        'subsections',
        'its subsections, as a sentence (empty when none)',
        ' Its subsections, in order: "Grind size", "Steeping time".',
      ),
      v('word_count', 'the section’s word budget', '350'),
    ),
    default: {
      system: ARTICLE_SYSTEM,
      prompt: `You are writing one section of the {content_type} "{title}".
Primary keyword: {keyword}
Other keywords to use where they fit naturally: {secondary_keywords}
Topic cluster: {cluster}
The whole outline (other sections are written separately):
{outline}

Write the section "{section}".{subsections}
Rules for this content type: {type_rules}
Answer fields:
- html: the section body as clean HTML, about {word_count} words. Do not repeat the section heading; use <h3> for the subsections, <p>, <ul>/<ol>, <table> where useful. No <h1>/<h2>, no inline styles, no scripts.`,
    },
  },
  article_section_extend: {
    function: 'article_section_extend',
    label: 'Article section: make longer',
    description: 'Rewrites a section that came out well under its word budget (once per section). Answer field: html.',
    variables: articleVars(
      v('section', 'the heading of the section', 'Step by step'),
      v('section_html', 'the section as written', '<p>Grind coarse, steep 16 hours.</p>'),
      v('current_words', 'its length in words', '120'),
      v('word_count', 'the section’s word budget', '350'),
    ),
    default: {
      system: ARTICLE_SYSTEM,
      prompt: `This section of the {content_type} "{title}" (primary keyword: {keyword}) came out at {current_words} words; it needs about {word_count}.
Section "{section}":
{section_html}

Rewrite it longer with more substance: examples, numbers, steps, edge cases. Keep its subsections and what is already good.
Answer fields:
- html: the whole rewritten section body as clean HTML, about {word_count} words, without the section heading.`,
    },
  },
  article_frame: {
    function: 'article_frame',
    label: 'Article frame: intro, conclusion, FAQ and meta',
    description:
      'Once the sections are written: the final title, meta title and description, excerpt, introduction, conclusion and FAQ.',
    variables: articleVars(
      v('conclusion', 'the heading of the closing section', 'Wrapping up'),
      v('intro_words', 'the introduction’s word budget', '120'),
      v('conclusion_words', 'the conclusion’s word budget', '100'),
      v(
        'faq_rule',
        'how many FAQ questions to write, or “an empty list”',
        '3 questions readers search for, not answered above; answerHtml about 60 words each',
      ),
    ),
    default: {
      system: ARTICLE_SYSTEM,
      prompt: `The sections of the {content_type} "{title}" are written:
{outline}
Primary keyword: {keyword}
Other keywords: {secondary_keywords}
Rules for this content type: {type_rules}

Now write the parts around them.
Answer fields:
- title: the final title, containing the primary keyword naturally
- metaTitle: at most 60 characters, with the primary keyword
- metaDescription: 120 to 160 characters, with the primary keyword and a reason to click
- excerpt: two sentences for listings
- introHtml: the introduction as <p> paragraphs, about {intro_words} words; the first paragraph contains the primary keyword
- conclusionHtml: the closing section "{conclusion}" as <p> paragraphs, about {conclusion_words} words
- faq: {faq_rule}`,
    },
  },
  cluster_ideas: {
    function: 'cluster_ideas',
    label: 'Ideas for a cluster',
    description: 'Proposes article ideas (title, angle, outline, keywords, length) for a keyword cluster.',
    variables: [
      v('cluster', 'the cluster’s name', 'Cold brew coffee'),
      v(
        'cluster_description',
        'the cluster’s description',
        'Home brewers who want smooth iced coffee without bitterness.',
      ),
      v(
        'keywords',
        'the cluster’s keywords with volume and intent, one a line',
        '- cold brew (12000, informational)\n- cold brew ratio (2400, informational)',
      ),
      v('count', 'how many ideas to propose', '3'),
      v('existing_titles', 'titles already planned for the cluster (avoid repeats)', 'none'),
      v(
        'type_rules',
        'how each content type’s outline is shaped',
        'how-to (how-to guide): What you need first, then numbered steps in order.',
      ),
      language,
      niche,
      brandVoice,
    ],
    default: {
      system:
        'You are a senior content strategist planning SEO articles. Write in the language with code "{language}". The site\'s niche: {niche}. Use only keywords from the list for primaryKeyword and secondaryKeywords. Outline rules per content type: {type_rules}\n\nBrand voice:\n{brand_voice}',
      prompt:
        'Propose {count} distinct article ideas for the topic cluster "{cluster}".\nCluster: {cluster_description}\nKeywords (monthly volume, intent):\n{keywords}\nAlready planned (do not repeat): {existing_titles}',
    },
  },
  cluster_description: {
    function: 'cluster_description',
    label: 'Cluster description',
    description: 'Names a keyword cluster and describes it in two sentences after auto-clustering.',
    variables: [
      v('cluster', 'the cluster’s name', 'Cold brew coffee'),
      v('keywords', 'its keywords with volume and intent, one a line', '- cold brew (12000, informational)'),
      v(
        'other_clusters',
        'the site’s other clusters in the same sector, one a line',
        '- Espresso machines\n- Coffee grinders',
      ),
      language,
    ],
    default: {
      system: 'You are an SEO strategist. Write in the language with code "{language}".',
      prompt:
        'Name and describe the keyword cluster "{cluster}" (a working name taken from its keywords), and give the search intent of each of its keywords (the intent shown is a guess from modifiers). Its keywords (monthly volume, intent):\n{keywords}\n\nFlag as outliers only the keywords whose topic clearly differs from the cluster’s (a shared word such as "care" or "best" is not a shared topic), each with a short reason and, when one fits better, the other cluster it belongs in, named exactly as listed here:\n{other_clusters}',
    },
  },
  image_prompts: {
    function: 'image_prompts',
    label: 'Image prompts',
    description: 'Writes the featured and in-article image prompts, alt texts and captions for an article.',
    variables: [
      v('title', 'the article’s title', 'How to make cold brew at home'),
      v('keyword', 'the primary keyword', 'cold brew'),
      v('headings', 'the article’s H2 headings, one a line', '- What you need\n- Step by step'),
      v('count', 'how many in-article images', '2'),
      v('style', 'the image style', 'photo'),
      language,
    ],
    default: {
      system:
        'You are an art director writing prompts for an image model. Style: {style}. Alt text and captions in the language with code "{language}".',
      prompt:
        'Article: "{title}" (keyword: {keyword}).\nWrite one featured image prompt and {count} in-article image prompts, each placed after one of these headings:\n{headings}',
    },
  },
  softened_image_prompt: {
    function: 'softened_image_prompt',
    label: 'Softened image prompt',
    description: 'Rewrites an image prompt the provider refused under its content policy.',
    variables: [
      v('prompt', 'the refused prompt', 'A barista with a knife cutting coffee bags'),
      v('reason', 'the provider’s reason', 'content policy'),
    ],
    default: {
      system:
        'You rewrite image prompts that a provider rejected, keeping their intent while removing anything sensitive (violence, real people, brands, weapons, medical or explicit content).',
      prompt: "Rejected prompt: {prompt}\nProvider's reason: {reason}",
    },
  },
  brand_voice_guide: {
    function: 'brand_voice_guide',
    label: 'Brand voice: learn from samples',
    description: 'Turns a brand voice’s profile and writing samples into a style guide for writers.',
    variables: [
      v(
        'profile',
        'the brand voice as written (name, tone, audience, point of view, do and don’t lists, banned words)',
        'Name: Barista Bea\nTone: warm, practical',
      ),
      v('samples', 'the writing samples, separated by ---', 'We tried six grinders so you don’t have to.'),
    ],
    default: {
      system:
        'You are an editor who writes style guides. Describe how the samples are written so another writer can match them: sentence length, vocabulary, rhythm, humour, formatting habits, how readers are addressed. Keep the profile’s rules.',
      prompt: 'Profile:\n{profile}\n\nSamples:\n{samples}\n\nWrite the style guide as short imperative bullet points.',
    },
  },
};

export const defaultPrompt = (fn: PromptFunction): PromptText => promptDefinitions[fn].default;

/** The variables a prompt names that its function does not have. */
export function unknownVariables(fn: PromptFunction, text: PromptText): string[] {
  const allowed = new Set(promptDefinitions[fn].variables.map((x) => x.name));
  return variablesIn(text).filter((name) => !allowed.has(name));
}

export const sampleValues = (fn: PromptFunction): Record<string, string> =>
  Object.fromEntries(promptDefinitions[fn].variables.map((x) => [x.name, x.sample]));

// The defaults must only use their own variables: a typo here would reach every account.
for (const def of Object.values(promptDefinitions)) {
  const bad = unknownVariables(def.function, def.default);
  if (bad.length) throw new Error(`prompt ${def.function} uses unknown variables: ${bad.join(', ')}`);
}
