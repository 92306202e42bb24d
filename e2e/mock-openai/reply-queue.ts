// Canned chat replies, consumed in order (scripted over HTTP, where functions cannot travel).
import type { ChatReply, ChatResponder } from './types';

export class ReplyQueue {
  private readonly items: { reply: string | object; remaining: number }[] = [];

  push(reply: string | object, times = 1): void {
    if (!(times >= 1)) throw new Error(`mock-openai: times must be >= 1, got ${times}`);
    this.items.push({ reply, remaining: times });
  }

  readonly responder: ChatResponder = (): ChatReply => {
    const head = this.items[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.items.shift();
    return head.reply;
  };

  clear(): void {
    this.items.length = 0;
  }
}
