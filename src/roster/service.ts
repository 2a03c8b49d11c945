/**
 * The roster service: the use cases of importing EDEXML files, composed from their
 * dependencies. Each use case lives in its own module; this only puts them together.
 */
import type { RosterDeps } from './apply-and-log.js';
import { createImportUseCase } from './import-service.js';
import { createPendingUseCases } from './pending.js';
import { createRosterQueries } from './queries.js';
import type { RosterService } from './types.js';
import { createUndoUseCase } from './undo.js';

export function createRosterService(deps: RosterDeps): RosterService {
  return {
    importEdexml: createImportUseCase(deps),
    ...createPendingUseCases(deps),
    undoImport: createUndoUseCase(deps),
    ...createRosterQueries(deps),
  };
}
