import { Tooltip } from 'antd';
import { cloneElement, useState, type HTMLAttributes, type ReactElement, type ReactNode } from 'react';

type Child = ReactElement<HTMLAttributes<HTMLElement>>;

/**
 * antd's Tooltip, mounted when the pointer (or the focus) first reaches its element. A list shows
 * one tip per row and a person reads a few of them: fifty Tooltips mounted with the rows made up a
 * fifth of the rows' render. Until then the element is rendered bare, exactly as inside the
 * Tooltip; reaching it mounts the Tooltip already open, so the tip shows as it always did.
 */
export function HoverTip({ title, children }: { title: ReactNode; children: Child }) {
  const [armed, setArmed] = useState(false);
  if (armed) {
    return (
      <Tooltip title={title} defaultOpen>
        {children}
      </Tooltip>
    );
  }
  const { onMouseEnter, onFocus } = children.props;
  return cloneElement(children, {
    onMouseEnter: (event) => {
      onMouseEnter?.(event);
      setArmed(true);
    },
    onFocus: (event) => {
      onFocus?.(event);
      setArmed(true);
    },
  });
}
