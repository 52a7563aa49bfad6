import { config } from './config';
import { registerPrivacyHandler } from './services/privacy';

App<IAppOption>({
  globalData: { cloudMode: config.mode },
  onLaunch() {
    // Local mode talks HTTP to the local cloud host; only the real cloud needs initialising.
    if (config.mode === 'cloud') wx.cloud.init({ env: config.cloudEnv, traceUser: true });
    // WeChat's privacy authorization: the page that needs it shows the popup (services/privacy.ts).
    registerPrivacyHandler();
  },
});
