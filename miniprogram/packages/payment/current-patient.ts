/** The current-patient stage, shared with the records pages from services/ (a subpackage cannot import another's code). */
export { currentPatientFor, reloadOnPatientChange, type PatientListPage } from '../../services/current-patient';
