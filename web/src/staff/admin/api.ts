// What the administration pages ask of the server, and the changes they make. Each change
// refreshes the lists it affects; the audit log is refreshed after every change.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffUser } from '../../../../src/shared/accounts';
import type {
  AgencyCreate,
  AgencyUpdate,
  CategoryUpdate,
  PackImportSummary,
  PackValidationReport,
  RoutingOverride,
  RoutingOverrideCreate,
  RoutingOverrideUpdate,
} from '../../../../src/shared/admin';
import type { Agency, Category } from '../../../../src/shared/reference-data';
import type { Role } from '../../../../src/shared/roles';
import { api, get, post } from '../../api/client';
import {
  REFERENCE_KEY,
  referenceKey,
  useAgencies as useSharedAgencies,
  useAreas as useSharedAreas,
  useCategories as useSharedCategories,
} from '../../api/reference';
import { uploadForm } from '../../api/upload';

export const ADMIN_KEY = ['admin'] as const;
const key = (...parts: unknown[]) => [...ADMIN_KEY, ...parts] as const;

/** After a change: the lists it touched, and the audit log, which now has one more entry. */
function refresh(client: QueryClient, ...keys: (readonly unknown[])[]) {
  for (const queryKey of [...keys, key('audit')]) void client.invalidateQueries({ queryKey });
}

// reference data ------------------------------------------------------------------------------
// The lists every screen shares (api/reference.ts), so that a change made here refreshes them
// all. Administration shows what another administrator may just have changed: it takes agencies
// and categories as current for half a minute (the app's default), areas, which only a city
// pack changes, for ten minutes.

const FRESH = 30_000;
const AREAS_FRESH = 10 * 60_000;

export const useAgencies = () => useSharedAgencies(FRESH);
export const useCategories = () => useSharedCategories(FRESH);
export const useAreas = () => useSharedAreas(AREAS_FRESH);

export function useCreateAgency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AgencyCreate) => post<Agency>('/agencies', input),
    onSuccess: () => refresh(client, referenceKey('agencies')),
  });
}

export function useUpdateAgency(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: AgencyUpdate) =>
      api<Agency>('PATCH', `/agencies/${encodeURIComponent(code)}`, { body: changes }),
    onSuccess: () => refresh(client, referenceKey('agencies'), key('overrides')),
  });
}

export interface CategoryThreshold {
  category: string;
  threshold: number | null;
}

export function useThresholds() {
  return useQuery({
    queryKey: key('thresholds'),
    queryFn: ({ signal }) =>
      get<{ items: CategoryThreshold[] }>('/triage/thresholds', undefined, signal).then((page) => page.items),
  });
}

/** A category's own fields and its auto-assign threshold, saved together (only what changed is sent). */
export function useSaveCategory(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, threshold }: { changes: CategoryUpdate | null; threshold?: number | null }) => {
      if (changes) await api<Category>('PATCH', `/categories/${encodeURIComponent(code)}`, { body: changes });
      if (threshold !== undefined) {
        await api('PUT', '/triage/thresholds', { body: { items: [{ category: code, threshold }] } });
      }
    },
    onSuccess: () => refresh(client, referenceKey('categories'), key('thresholds')),
  });
}

// staff accounts --------------------------------------------------------------------------------

export interface StaffPage {
  items: StaffUser[];
  next: string | null;
}

export const PAGE_SIZE = 25;

export interface StaffFilter {
  agency?: string;
  role?: Role;
}

/** One page of staff accounts; `after` is the cursor the previous page gave. */
export function useStaffAccounts(filter: StaffFilter, after: string | undefined) {
  return useQuery({
    queryKey: key('users', filter, after),
    queryFn: ({ signal }) => get<StaffPage>('/users', { ...filter, after, limit: PAGE_SIZE }, signal),
    placeholderData: (previous) => previous,
  });
}

/** An agency's own staff (what an agency admin may see). */
export function useAgencyStaff(agency: string, after: string | undefined) {
  return useQuery({
    queryKey: key('users', 'agency', agency, after),
    queryFn: ({ signal }) =>
      get<StaffPage>(`/agencies/${encodeURIComponent(agency)}/staff`, { after, limit: PAGE_SIZE }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useStaffAccount(id: string) {
  return useQuery({
    queryKey: key('users', 'one', id),
    queryFn: ({ signal }) => get<StaffUser>(`/users/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export interface NewStaffAccount {
  email: string;
  display_name: string;
  role: Exclude<Role, 'citizen'>;
  agency_code?: string;
}

export function useCreateStaffAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewStaffAccount) => post<{ user: StaffUser; temporary_password: string }>('/users', input),
    onSuccess: () => refresh(client, key('users')),
  });
}

/** An agency admin's own new colleague: agency staff of their agency (the server holds them to it). */
export function useCreateAgencyStaff(agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewStaffAccount) =>
      post<{ user: StaffUser; temporary_password: string }>(`/agencies/${encodeURIComponent(agency)}/staff`, {
        email: input.email,
        display_name: input.display_name,
      }),
    onSuccess: () => refresh(client, key('users')),
  });
}

export interface StaffAccountChanges {
  display_name?: string;
  role?: Exclude<Role, 'citizen'>;
  agency_code?: string | null;
  disabled?: boolean;
}

export function useUpdateStaffAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: StaffAccountChanges }) =>
      api<StaffUser>('PATCH', `/users/${id}`, { body: changes }),
    onSuccess: () => refresh(client, key('users')),
  });
}

// routing overrides ----------------------------------------------------------------------------

export function useOverrides() {
  return useQuery({
    queryKey: key('overrides'),
    queryFn: ({ signal }) =>
      get<{ items: RoutingOverride[] }>('/admin/routing-overrides', undefined, signal).then((page) => page.items),
  });
}

export function useCreateOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RoutingOverrideCreate) => post<RoutingOverride>('/admin/routing-overrides', input),
    onSuccess: () => refresh(client, key('overrides')),
  });
}

export function useUpdateOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: RoutingOverrideUpdate }) =>
      api<RoutingOverride>('PATCH', `/admin/routing-overrides/${id}`, { body: changes }),
    onSuccess: () => refresh(client, key('overrides')),
  });
}

export function useDeleteOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>('DELETE', `/admin/routing-overrides/${id}`),
    onSuccess: () => refresh(client, key('overrides')),
  });
}

// city packs -----------------------------------------------------------------------------------

export type PackFiles = Partial<Record<string, File>>;

function packForm(files: PackFiles): FormData {
  const form = new FormData();
  for (const [name, file] of Object.entries(files)) if (file) form.append(name, file, name);
  return form;
}

export function useValidatePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ files, onProgress }: { files: PackFiles; onProgress: (fraction: number) => void }) =>
      uploadForm<PackValidationReport>('/admin/pack/validate', packForm(files), { onProgress }),
    onSuccess: () => refresh(client),
  });
}

export function useImportPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ files, onProgress }: { files: PackFiles; onProgress: (fraction: number) => void }) =>
      uploadForm<PackImportSummary>('/admin/pack/import', packForm(files), { onProgress }),
    // an import may change every list of reference data, and what administration shows of it
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: REFERENCE_KEY });
      void client.invalidateQueries({ queryKey: ADMIN_KEY });
    },
  });
}

// API clients ----------------------------------------------------------------------------------

export const API_SCOPES = ['report', 'update', 'read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** As GET /admin/api-clients answers (src/modules/api-clients/routes.ts). */
export interface ApiClient {
  id: string;
  name: string;
  scopes: ApiScope[];
  agency: string | null;
  key_prefix: string;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export function useApiClients() {
  return useQuery({
    queryKey: key('api-clients'),
    queryFn: ({ signal }) =>
      get<{ items: ApiClient[] }>('/admin/api-clients', undefined, signal).then((page) => page.items),
  });
}

export function useCreateApiClient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: ApiScope[]; agency: string | null }) =>
      post<{ client: ApiClient; api_key: string }>('/admin/api-clients', input),
    onSuccess: () => refresh(client, key('api-clients')),
  });
}

export function useRevokeApiClient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<ApiClient>(`/admin/api-clients/${id}/revoke`),
    onSuccess: () => refresh(client, key('api-clients')),
  });
}

// audit log ------------------------------------------------------------------------------------

/** As GET /audit answers (src/modules/audit/routes.ts). */
export interface AuditEntry {
  id: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditLog(action: string, before: number | undefined) {
  return useQuery({
    queryKey: key('audit', action, before),
    queryFn: ({ signal }) =>
      get<{ items: AuditEntry[]; next_before: number | null }>(
        '/audit',
        { action: action || undefined, before, limit: AUDIT_PAGE_SIZE },
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}
