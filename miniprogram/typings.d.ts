/** The app instance as pages see it through `getApp<IAppOption>()`. */
interface IAppOption {
  globalData: {
    /** The transport the cloud client uses, set at launch from config.ts. */
    cloudMode: import('./config').CloudMode;
  };
}
