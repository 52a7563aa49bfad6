/** 我的: 就诊人管理 and 就诊卡管理 (with the current patient), 长辈模式, and how to reach the hospital. */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { setElderMode } from '../../services/elder-mode';
import { loadHospitalInfo } from '../../services/hospital';
import { ensurePatients, onPatientsChange, patientsSnapshot, type PatientsSnapshot } from '../../services/patients';
import { loadInto } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { loadMessages, showUnreadBadge } from '../../services/messages';
import { dial } from '../../services/phone';
import { routes } from '../../routes';

/** What the 就诊人管理 cell says on its right. */
function currentPatientText(snapshot: PatientsSnapshot): string {
  if (!snapshot.loaded) return '';
  return snapshot.current === null ? '未添加' : `当前：${snapshot.current.name}`;
}

pageComponent<{ unsubscribe?: () => void }>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospitalName: '',
    phone: '',
    currentPatient: '',
    patientCount: '',
    unreadText: '',
    links: { patientList: routes.patientList(), patientCard: routes.patientCard(), appointments: routes.appointments(), registrations: routes.registrations(), orders: routes.orders() },
  },
  lifetimes: {
    attached() {
      this.unsubscribe = onPatientsChange((snapshot) => this.showPatients(snapshot));
      this.showPatients(patientsSnapshot());
    },
    detached() {
      this.unsubscribe?.();
    },
  },
  pageLifetimes: {
    show() {
      void this.loadUnread();
    },
  },
  methods: {
    onLoad() {
      void this.load();
      void this.loadPatients();
    },
    async load() {
      await loadInto(this, loadHospitalInfo, (hospital) => ({ hospitalName: hospital.name, phone: hospital.phone }));
    },
    /** The badge on 我的 and the 消息中心 cell: unread messages (a failure shows nothing). */
    async loadUnread() {
      const answer = await loadMessages();
      if (!answer.ok) return;
      showUnreadBadge(answer.data.unread);
      this.setData({ unreadText: answer.data.unread > 0 ? `${answer.data.unread}条未读` : '' });
    },
    async loadPatients() {
      // A failure leaves the entries usable: the list page shows the error with 重试.
      await ensurePatients();
    },
    showPatients(snapshot: PatientsSnapshot) {
      this.setData({
        currentPatient: currentPatientText(snapshot),
        patientCount: snapshot.loaded ? `已添加${snapshot.patients.length}位，最多${snapshot.limit}位` : '',
      });
    },
    onRetry() {
      void this.load();
    },
    onElderChange(event: { detail: boolean }) {
      setElderMode(event.detail);
      this.setData({ elder: event.detail });
    },
    onCall() {
      dial(this.data.phone);
    },
  },
});
