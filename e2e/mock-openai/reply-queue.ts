// Canned chat replies, consumed in order (scripted over HTTP, where functions cannot travel).
import type { ChatReply, ChatResponder } from './types';

export class ReplyQueue {
  private readonly items: { reply: string | object; remaining: number; match?: string }[] = [];

  /** `match`: only a request whose JSON body contains this text takes the reply (e.g. a schema's field name). */
  push(reply: string | object, times = 1, match?: string): void {
    if (!(times >= 1)) throw new Error(`mock-openai: times must be >= 1, got ${times}`);
    this.items.push({ reply, remaining: times, match });
  }

  readonly responder: ChatResponder = (req): ChatReply => {
    const body = this.items.some((i) => i.match !== undefined) ? JSON.stringify(req) : '';
    const at = this.items.findIndex((i) => i.match === undefined || body.includes(i.match));
    const item = this.items[at];
    if (!item) return undefined;
    item.remaining -= 1;
    if (item.remaining <= 0) this.items.splice(at, 1);
    return item.reply;
  };

  clear(): void {
    this.items.length = 0;
  }
}
