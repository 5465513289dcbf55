// What each part of the operations page hands the view: its element, and how to stop its timers and
// subscriptions when the view closes.
export type Panel = { element: HTMLElement; close(): void };
