// The sections of the city's super app, as the home shows them: one tile each, a link to its
// route. A section not built yet is listed with available: false and stays hidden; it appears
// when the issue that builds it turns the flag on (its route is already an app route on the
// server, src/platform/http/web-app.ts).
import {
  Banknote,
  Bot,
  Bus,
  Camera,
  ChartColumn,
  ClipboardList,
  Landmark,
  type LucideIcon,
  Map as MapIcon,
  Siren,
  Wrench,
} from 'lucide-react';

export interface HomeSection {
  /** Key of its name and line in common.json (hub.sections.*). */
  key: string;
  path: string;
  icon: LucideIcon;
  available: boolean;
}

export const HOME_SECTIONS: readonly HomeSection[] = [
  { key: 'report', path: '/report', icon: Camera, available: true },
  { key: 'map', path: '/map', icon: MapIcon, available: true },
  { key: 'myReports', path: '/reports', icon: ClipboardList, available: true },
  { key: 'alerts', path: '/alerts', icon: Siren, available: false },
  { key: 'city', path: '/city', icon: Landmark, available: false },
  { key: 'transit', path: '/transit', icon: Bus, available: false },
  { key: 'services', path: '/services', icon: Wrench, available: false },
  { key: 'assistant', path: '/assistant', icon: Bot, available: false },
  { key: 'payments', path: '/payments', icon: Banknote, available: false },
  { key: 'transparency', path: '/transparency', icon: ChartColumn, available: true },
];
