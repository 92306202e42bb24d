import { createContext, useContext, useState, type ReactNode } from 'react';
import { Notifications } from '@mantine/notifications';
import classes from './notices.module.css';

type SetHost = (el: HTMLElement | null) => void;
const HostContext = createContext<SetHost>(() => {});

/**
 * The one place notifications render. Outside the app (sign-in, invitations) they float at the top
 * centre. Inside it they render into the page's flow (see NoticeHost): they push the page down instead
 * of covering its buttons (a floating toast sat on the page header's actions at desktop size and on the
 * header itself at 390 px). Over a dialog, whose page cannot be seen, they float above it. At most three.
 */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const [host, setHost] = useState<HTMLElement | null>(null);
  return (
    <HostContext.Provider value={setHost}>
      <Notifications
        // A new place is a new portal: remount (the shown notifications live in Mantine's store and stay).
        key={host ? 'in-page' : 'floating'}
        position="top-center"
        limit={3}
        portalProps={host ? { target: host } : undefined}
        className={host ? classes.inPage : undefined}
      />
      {children}
    </HostContext.Provider>
  );
}

/**
 * Where, in the app's page, notifications show. A notice that comes or goes while the page is scrolled past
 * it moves nothing in the window: the browser's scroll anchoring keeps what the user looks at in place.
 */
export function NoticeHost() {
  const setHost = useContext(HostContext);
  return <div ref={setHost} data-testid="notice-host" />;
}
