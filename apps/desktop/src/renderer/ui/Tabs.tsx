import * as TabsPrimitive from '@radix-ui/react-tabs';
import type { ComponentProps } from 'react';

/** Tabs' root (value / onValueChange or defaultValue). Arrow keys move between tabs. */
export const Tabs = TabsPrimitive.Root;

/** The row of tabs; needs an aria-label. */
export function TabsList(props: ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List className="ui-tabs__list" {...props} />;
}

/** One tab. */
export function TabsTrigger(props: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return <TabsPrimitive.Trigger className="ui-tabs__trigger" {...props} />;
}

/** The panel shown for one tab. */
export function TabsContent(props: ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className="ui-tabs__content" {...props} />;
}
