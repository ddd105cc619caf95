import type { SettingsProps } from '../settings/HostSettings';
import { DesktopSettings } from './DesktopSettings';
import { EndpointSettings } from './EndpointSettings';
import { TeamSettings } from './TeamSettings';

/** What the desktop app sets in the sidebar's footer: the local endpoint, its own settings, team mode. */
export function DesktopFooter(props: SettingsProps) {
  return (
    <>
      <EndpointSettings {...props} />
      <DesktopSettings settings={props.settings} onSaved={props.onSaved} />
      <TeamSettings {...props} />
    </>
  );
}
