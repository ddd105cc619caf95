// Commands from the menu, shortcuts and tray to the page. A new window (or a reloaded page) cannot
// take them until it has rendered and subscribed; a fixed delay after did-finish-load dropped them
// on a slow first render. The page says when it listens (window.wxdesk.commandsReady()); until
// then, commands wait here, the latest few, in order.

export class CommandQueue<C> {
  private waiting: C[] = [];
  private listening = false;

  constructor(
    private readonly deliver: (command: C) => void,
    private readonly max = 10,
  ) {}

  /** Delivers now if the page listens; else keeps it for when it does. */
  send(command: C): void {
    if (this.listening) {
      this.deliver(command);
      return;
    }
    this.waiting.push(command);
    if (this.waiting.length > this.max) this.waiting.shift();
  }

  /** The page listens: what waited is delivered, in order. */
  ready(): void {
    this.listening = true;
    for (const c of this.waiting.splice(0)) this.deliver(c);
  }

  /** A new page is loading (a new window, a reload): it does not listen yet. */
  reset(): void {
    this.listening = false;
  }

  get pending(): number {
    return this.waiting.length;
  }
}
