/** The current-patient stage of the payment pages: shared with other areas from utils/ (a subpackage cannot import another's code). */
export { currentPatientFor, reloadOnPatientChange, type PatientListPage } from '../../utils/current-patient';
