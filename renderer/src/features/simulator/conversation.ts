// The conversation of one follower, from the log and the phone's own lines, oldest first: each
// exchange is the follower's line (what they did) and the account's reply.
import type { PushExchange } from '../../../../electron/contract';
import type { ChatItem } from '../../ui/phone/ChatView';
import type { TapNote } from './menu-push';
import { saidOf } from './said';
import type { SimNote } from './sim-state';

type Words = (key: string, vars: Record<string, string>) => string;

export function noteText(note: TapNote, words: Words): string {
  const { note: key, ...vars } = note;
  return words(`note.${key}`, vars as Record<string, string>);
}

export function conversation(log: PushExchange[], notes: SimNote[], tapped: Record<string, string>, openId: string, words: Words): ChatItem[] {
  const items: { at: number; order: number; item: ChatItem }[] = [];
  let order = 0;
  for (const x of log) {
    if (x.openId !== openId) continue;
    const said = saidOf(x.xml, tapped[x.id]);
    const text = words(said.key, said.vars);
    items.push({ at: x.at, order: order++, item: said.system ? { id: `${x.id}-said`, side: 'system', text } : { id: `${x.id}-said`, side: 'follower', text } });
    items.push({ at: x.at, order: order++, item: { id: `${x.id}-reply`, side: 'account', reply: x.reply, exchangeId: x.id } });
  }
  for (const n of notes) {
    if (n.openId !== openId) continue;
    // A note comes with the tap, before the push's answer: it sorts just before an exchange of the same moment.
    items.push({ at: n.at, order: -1, item: { id: n.id, side: 'system', text: noteText(n.note, words) } });
  }
  return items.sort((a, b) => a.at - b.at || a.order - b.order).map((i) => i.item);
}
