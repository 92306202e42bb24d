import type { App } from '../../src/app';
import { bearer, type Session } from './app';

export async function createSite(app: App, who: Session, accountId: string, name = 'Coffee Blog'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/sites`,
    headers: bearer(who),
    payload: { name, url: 'https://coffee.example', language: 'en' },
  });
  if (res.statusCode !== 201) throw new Error(`site: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export const coffeeKeywords = [
  ['best espresso machine', 2400, 45, 'commercial'],
  ['best espresso machines for home', 1900, 40, 'commercial'],
  ['espresso machine under 500', 880, 30, 'commercial'],
  ['cheap espresso machine', 720, 28, 'commercial'],
  ['how to make cold brew', 5400, 20, 'informational'],
  ['cold brew recipe', 4400, 18, 'informational'],
  ['cold brew ratio', 1600, 15, 'informational'],
  ['cold brew coffee at home', 1300, 16, 'informational'],
  ['french press vs pour over', 900, 22, 'informational'],
  ['pour over coffee guide', 1000, 24, 'informational'],
  ['how to use a french press', 2900, 19, 'informational'],
  ['french press coffee ratio', 1200, 17, 'informational'],
] as const;

export async function addCoffeeKeywords(app: App, who: Session, accountId: string, siteId: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/accounts/${accountId}/sites/${siteId}/keywords`,
    headers: bearer(who),
    payload: {
      keywords: coffeeKeywords.map(([phrase, volume, difficulty, intent]) => ({ phrase, volume, difficulty, intent })),
    },
  });
  if (res.statusCode !== 201) throw new Error(`keywords: ${res.statusCode} ${res.body}`);
  return res.json() as { created: number; merged: number };
}
