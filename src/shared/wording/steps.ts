import { REPAIR_STEPS, type RepairStepId } from '../repairs';

// Responses carry step ids as plain strings (the schemas are built from the tables' keys), so
// they are narrowed here before indexing the tables.

export function isRepairStep(value: string): value is RepairStepId {
  return Object.hasOwn(REPAIR_STEPS, value);
}

export function repairStepTitle(value: string): string {
  return isRepairStep(value) ? REPAIR_STEPS[value].title : value;
}
