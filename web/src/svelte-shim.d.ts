declare module '*.svelte' {
  import type { Component } from 'svelte';

  // biome-ignore lint/suspicious/noExplicitAny: components take their own props
  const component: Component<any>;
  export default component;
}
