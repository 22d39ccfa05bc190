import type { ComponentProps } from 'react';

/**
 * A data table in the app's style: sticky header, quiet row lines, hover.
 * Use real <thead>/<th scope="col"> inside; wrap in a scrolling container
 * (TableFrame) when it can grow.
 */
export function Table({ className, ...rest }: ComponentProps<'table'>) {
  return <table className={`ui-table${className ? ` ${className}` : ''}`} {...rest} />;
}

/** A bordered, scrolling frame for a Table. */
export function TableFrame({ className, ...rest }: ComponentProps<'div'>) {
  return <div className={`ui-table-frame${className ? ` ${className}` : ''}`} {...rest} />;
}
