// The simulator's calls: the one DashboardApi, seen with the simulator's methods (electron/contract/simulator.ts).
import type { DashboardApi, SimulatorApi } from '../../../../electron/contract';
import { api } from '../../bridge';

export const simApi: DashboardApi & SimulatorApi = api as DashboardApi & SimulatorApi;
