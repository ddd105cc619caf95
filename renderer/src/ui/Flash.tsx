import { useCallback, useEffect, useRef, useState } from 'react';

/** A short confirmation ("Token copied") for a polite live region, cleared after a few seconds. */
export function useFlash(ms = 4000): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flash = useCallback(
    (text: string) => {
      clearTimeout(timer.current);
      setMessage(text);
      timer.current = setTimeout(() => setMessage(''), ms);
    },
    [ms],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, flash];
}

/** The live region itself: always in the page, so screen readers notice when text appears. */
export function FlashRegion({ message, className = '' }: { message: string; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={`flash ${className}`}>
      {message}
    </p>
  );
}
