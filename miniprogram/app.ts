import { config } from './config';
import { prefetchSubscribe } from './services/subscribe';

App<IAppOption>({
  globalData: { cloudMode: config.mode },
  onLaunch() {
    // Local mode talks HTTP to the local cloud host; only the real cloud needs initialising.
    if (config.mode === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true });
    // push: the consent dialog must open inside a tap, so what it needs is fetched now.
    void prefetchSubscribe();
  },
});
