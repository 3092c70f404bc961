// The server's settings for the app (basemap tiles, the city's centre), read once per visit.
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';

export interface ClientConfig {
  city: { name: string };
  map: { tile_url: string; attribution: string; center: { lat: number; lon: number }; zoom: number };
}

export function useClientConfig() {
  return useQuery({
    queryKey: ['client-config'],
    queryFn: () => get<ClientConfig>('/client-config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
