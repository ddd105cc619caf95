// The desktop's optional WeChat-compatible endpoint, started, moved and stopped as its settings
// change. Changes are applied one at a time, in order (two quick saves must not start two servers or
// close one being started); a port in use is an error the settings form can show, in both languages.
import { invalidInput } from '../core/errors';

export interface EndpointHost {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface EndpointSettings {
  endpointEnabled: boolean;
  endpointPort: number;
}

export class LocalEndpoint<H extends EndpointHost = EndpointHost> {
  private host: H | null = null;
  private chain: Promise<void> = Promise.resolve();

  /** `start` listens on 127.0.0.1:port (startHost in main.ts). */
  constructor(private readonly start: (port: number) => Promise<H>) {}

  /** The running endpoint's URL, or null. */
  get url(): string | null {
    return this.host?.url ?? null;
  }

  /** Applies the settings after any change still being applied. */
  apply(s: EndpointSettings): Promise<void> {
    const run = this.chain.then(() => this.applyNow(s));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops it (at quit). */
  close(): Promise<void> {
    return this.apply({ endpointEnabled: false, endpointPort: 0 });
  }

  private async applyNow(s: EndpointSettings): Promise<void> {
    if (this.host && (!s.endpointEnabled || this.host.port !== s.endpointPort)) {
      const old = this.host;
      this.host = null;
      await old.close();
    }
    if (!s.endpointEnabled || this.host) return;
    try {
      this.host = await this.start(s.endpointPort);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      throw invalidInput(`Port ${s.endpointPort} is in use (a running wxdesk serve?). Choose another port for the local endpoint.`, `端口 ${s.endpointPort} 已被占用（是否有正在运行的 wxdesk serve？）。请为本地接口换一个端口。`);
    }
  }
}
