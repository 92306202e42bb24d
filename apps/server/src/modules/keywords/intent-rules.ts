import type { Intent } from '@igny8/contracts';

/**
 * Search intent from a keyword's modifiers, offline: the words searchers add when they want to
 * reach a site (navigational), buy (transactional) or compare before buying (commercial); anything
 * else is a search for information. Modifiers are matched as whole words or phrases, accents
 * ignored, in the site's language and in English (lists in other languages borrow "best", "vs",
 * "review"). The LLM refines these when a text provider is configured.
 */
type Modifiers = Record<Exclude<Intent, 'informational'>, string[]>;

const en: Modifiers = {
  navigational: ['login', 'log in', 'sign in', 'sign up', 'signin', 'my account', 'official site', 'official website', 'homepage', 'customer service', 'contact number', 'phone number', 'www'],
  transactional: [
    'buy', 'buying', 'order', 'purchase', 'price', 'prices', 'pricing', 'cost', 'cheap', 'cheapest', 'deal', 'deals', 'discount', 'coupon', 'promo code', 'voucher', 'for sale', 'sale',
    'shop', 'online shop', 'near me', 'delivery', 'free shipping', 'subscription', 'hire', 'booking', 'quote', 'rent', 'download', 'order online', 'in stock',
  ],
  commercial: ['best', 'review', 'reviews', 'vs', 'versus', 'compare', 'comparison', 'alternative', 'alternatives', 'recommended', 'rating', 'ratings', 'brands', 'worth it', 'pros and cons', 'which'],
};

const byLanguage: Record<string, Modifiers> = {
  en,
  de: {
    navigational: ['anmelden', 'einloggen', 'login', 'mein konto', 'offizielle seite', 'offizielle website', 'kundenservice', 'kundendienst', 'telefonnummer'],
    transactional: [
      'kaufen', 'bestellen', 'kauf', 'preis', 'preise', 'kosten', 'gunstig', 'billig', 'angebot', 'angebote', 'rabatt', 'gutschein', 'gutscheincode', 'sale', 'shop', 'online shop',
      'in der nahe', 'lieferung', 'versand', 'versandkostenfrei', 'mieten', 'buchen', 'download', 'herunterladen', 'abo',
    ],
    commercial: ['beste', 'bester', 'bestes', 'besten', 'test', 'testsieger', 'vergleich', 'vergleichen', 'erfahrungen', 'bewertung', 'bewertungen', 'alternative', 'alternativen', 'empfehlung', 'marken', 'vs', 'oder', 'welche', 'welcher', 'welches'],
  },
  fr: {
    navigational: ['connexion', 'se connecter', 'mon compte', 'site officiel', 'service client', 'numero de telephone'],
    transactional: [
      'acheter', 'achat', 'commander', 'commande', 'prix', 'tarif', 'tarifs', 'pas cher', 'pas chere', 'moins cher', 'promo', 'promotion', 'soldes', 'code promo', 'reduction', 'bon de reduction',
      'boutique', 'magasin', 'pres de chez moi', 'a proximite', 'livraison', 'location', 'louer', 'reserver', 'reservation', 'devis', 'telecharger', 'abonnement',
    ],
    commercial: ['meilleur', 'meilleure', 'meilleurs', 'meilleures', 'avis', 'test', 'comparatif', 'comparaison', 'comparer', 'alternative', 'alternatives', 'classement', 'marques', 'vs', 'ou', 'quel', 'quelle', 'quels', 'quelles'],
  },
  es: {
    navigational: ['iniciar sesion', 'acceso', 'login', 'mi cuenta', 'sitio oficial', 'pagina oficial', 'web oficial', 'atencion al cliente'],
    transactional: [
      'comprar', 'compra', 'pedir', 'precio', 'precios', 'coste', 'costo', 'barato', 'barata', 'baratos', 'economico', 'oferta', 'ofertas', 'descuento', 'cupon', 'codigo promocional', 'rebajas',
      'tienda', 'cerca de mi', 'envio', 'envio gratis', 'alquiler', 'alquilar', 'reservar', 'presupuesto', 'descargar', 'suscripcion',
    ],
    commercial: ['mejor', 'mejores', 'opiniones', 'resena', 'resenas', 'analisis', 'comparativa', 'comparacion', 'comparar', 'alternativa', 'alternativas', 'ranking', 'marcas', 'vs', 'o', 'cual', 'cuales', 'merece la pena', 'vale la pena'],
  },
  it: {
    navigational: ['accedi', 'accesso', 'login', 'il mio account', 'sito ufficiale', 'servizio clienti', 'numero di telefono'],
    transactional: ['comprare', 'acquistare', 'acquisto', 'ordinare', 'prezzo', 'prezzi', 'costo', 'economico', 'offerta', 'offerte', 'sconto', 'coupon', 'codice sconto', 'negozio', 'vicino a me', 'spedizione', 'noleggio', 'prenotare', 'scaricare'],
    commercial: ['migliore', 'migliori', 'recensione', 'recensioni', 'opinioni', 'confronto', 'comparazione', 'alternativa', 'alternative', 'classifica', 'marche', 'vs', 'quale', 'quali'],
  },
  pt: {
    navigational: ['entrar', 'login', 'minha conta', 'site oficial', 'atendimento ao cliente'],
    transactional: ['comprar', 'compra', 'encomendar', 'preco', 'precos', 'custo', 'barato', 'barata', 'oferta', 'ofertas', 'desconto', 'cupom', 'cupao', 'loja', 'perto de mim', 'entrega', 'frete gratis', 'aluguel', 'alugar', 'reservar', 'orcamento', 'baixar', 'download'],
    commercial: ['melhor', 'melhores', 'avaliacao', 'avaliacoes', 'opinioes', 'review', 'comparacao', 'comparativo', 'alternativa', 'alternativas', 'ranking', 'marcas', 'vs', 'qual', 'quais', 'vale a pena'],
  },
  nl: {
    navigational: ['inloggen', 'login', 'mijn account', 'officiele site', 'officiele website', 'klantenservice', 'telefoonnummer'],
    transactional: ['kopen', 'bestellen', 'prijs', 'prijzen', 'kosten', 'goedkoop', 'goedkope', 'aanbieding', 'aanbiedingen', 'korting', 'kortingscode', 'winkel', 'webshop', 'in de buurt', 'bezorgen', 'levering', 'huren', 'boeken', 'offerte', 'downloaden'],
    commercial: ['beste', 'review', 'reviews', 'ervaringen', 'test', 'vergelijken', 'vergelijking', 'alternatief', 'alternatieven', 'merken', 'vs', 'of', 'welke'],
  },
};

/** Question words open an informational search even when a modifier follows ("how much does x cost"). */
const questions: Record<string, string[]> = {
  en: ['how', 'what', 'why', 'when', 'where', 'who', 'is', 'are', 'can', 'does', 'do', 'should'],
  de: ['wie', 'was', 'warum', 'wann', 'wo', 'wer', 'wieso', 'weshalb', 'kann', 'ist', 'sind'],
  fr: ['comment', 'pourquoi', 'quand', 'ou', 'qui', 'que', 'qu', 'est ce que', 'combien'],
  es: ['como', 'que', 'por que', 'cuando', 'donde', 'quien', 'cuanto', 'cuanta'],
  it: ['come', 'cosa', 'perche', 'quando', 'dove', 'chi', 'quanto'],
  pt: ['como', 'o que', 'por que', 'porque', 'quando', 'onde', 'quem', 'quanto'],
  nl: ['hoe', 'wat', 'waarom', 'wanneer', 'waar', 'wie'],
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim();

/** Whole-word match of a (multi-word) modifier in the folded phrase, padded with spaces. */
const has = (padded: string, modifier: string) => padded.includes(` ${modifier} `);

export function classifyIntent(phrase: string, language = 'en'): Intent {
  const lang = language.toLowerCase().split('-')[0] ?? 'en';
  const folded = fold(phrase);
  const padded = ` ${folded} `;
  const lists = lang !== 'en' && byLanguage[lang] ? [byLanguage[lang]!, en] : [en];
  const matches = (intent: keyof Modifiers) => lists.some((l) => l[intent].some((m) => has(padded, m))) || (intent === 'commercial' && /^top \d+ /.test(padded.trim() + ' '));
  // A question is a search for information ("how much does a grinder cost"), unless it asks to compare ("what is the best grinder").
  const asks = [...(questions[lang] ?? []), ...(lang === 'en' ? [] : questions.en!)];
  if (asks.some((q) => padded.startsWith(` ${q} `))) return matches('commercial') ? 'commercial' : 'informational';
  for (const intent of ['navigational', 'transactional', 'commercial'] as const) if (matches(intent)) return intent;
  return 'informational';
}
