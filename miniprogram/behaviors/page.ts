/**
 * `Component()` for pages that keep non-render state on `this` (docs/architecture.md#mini-program): the typings
 * cannot infer custom instance fields, so a page names them once: `pageComponent<{deptId: string}>()({...})`.
 */
export function pageComponent<TInstance extends WechatMiniprogram.IAnyObject>() {
  return <
    TData extends WechatMiniprogram.Component.DataOption,
    TMethod extends WechatMiniprogram.Component.MethodOption,
    TBehavior extends WechatMiniprogram.Component.BehaviorOption,
  >(
    options: WechatMiniprogram.Component.Options<TData, WechatMiniprogram.IAnyObject, TMethod, TBehavior, TInstance, true>,
  ): string => Component(options);
}

/** `Component()` for components (with properties) that keep non-render state on `this`, like pageComponent. */
export function customComponent<TInstance extends WechatMiniprogram.IAnyObject>() {
  return <
    TData extends WechatMiniprogram.Component.DataOption,
    TProperty extends WechatMiniprogram.Component.PropertyOption,
    TMethod extends WechatMiniprogram.Component.MethodOption,
    TBehavior extends WechatMiniprogram.Component.BehaviorOption,
  >(
    options: WechatMiniprogram.Component.Options<TData, TProperty, TMethod, TBehavior, TInstance>,
  ): string => Component(options);
}
