// What the Node tests and the bench read inside the browser (page.evaluate and init scripts):
// the widget's elements found by id (`getElementById` types them HTMLElement), and the values
// the tests' own init scripts keep on `window`. Type-checking only; nothing here runs.
export {};

declare global {
  interface HTMLElement {
    /** <ratecard-cost> and <ratecard-checkout>, found by id. */
    quote?: any;
    engine?: any;
    card?: any;
    items?: any;
    request?: any;
    selectedPlan?: string | null;
    cart?: any[];
    error?: any;
    range?: any;
    hold?: any;
    settlement?: any;
    updateComplete?: Promise<boolean>;
  }
  interface Element {
    value?: any;
    dataset?: DOMStringMap;
    title?: string;
  }
  interface PerformanceEntry {
    /** A layout-shift entry's value and whether input preceded it. */
    value?: number;
    hadRecentInput?: boolean;
  }
  interface Window {
    /** `ratecard-buy` details, kept by a test page. */
    buys?: any[];
    /** Kept by the tests' init scripts. */
    events: any[];
    errors: any[];
    __cls: number;
    axe: any;
    violations: any;
    ready: any;
    longTasks: [number, number][];
    done: boolean;
    quotes: Record<string, string>;
  }
  interface Error {
    /** The engine's coded errors. */
    code?: string;
    path?: (string | number)[];
  }
}
