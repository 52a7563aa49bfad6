/**
 * The records block of the HSB mapping: well-formed answers become our shapes (wall times → ISO,
 * flags and kinds → words); anything off protocol is an HsbProtocolError whose message names the
 * tag and never the clinical text.
 */
import { HsbProtocolError } from './envelope';
import { toLabTrend, toReportDetail, toReportSummaries, toVisitRecord } from './records-mapping';

const SUMMARY = { ReportNo: 'JY10000001', ReportType: 'L', ReportTitle: '血常规', VisitNo: 'MZ10000001', DeptName: '呼吸科', OrderDate: '2026-11-26', Status: '1', ReportTime: '2026-11-26 10:30:00' };
const RESULT = { ItemCode: 'WBC', ItemName: '白细胞计数', Value: '15.80', Unit: '×10^9/L', RefRange: '4.30-11.30', Flag: 'H', Critical: '0', Numeric: '1' };

function protocolError(fn: () => unknown): HsbProtocolError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HsbProtocolError) return e;
    throw e;
  }
  throw new Error('no protocol error');
}

test('a lab report: Shanghai wall time → ISO, flags in words', () => {
  const detail = toReportDetail({ Report: { ...SUMMARY, Reporter: '刘芳', Reviewer: '周强', Specimen: '末梢血', Results: { Result: [RESULT] } } });
  expect(detail.report).toMatchObject({ kind: 'lab', status: 'finished', reportedAt: '2026-11-26T02:30:00.000Z' });
  expect(detail.content).toEqual({
    kind: 'lab',
    specimen: '末梢血',
    results: [{ itemCode: 'WBC', itemName: '白细胞计数', value: '15.80', unit: '×10^9/L', referenceRange: '4.30-11.30', flag: 'high', critical: false, numeric: true }],
  });
});

test('exam and pathology sections; a pending report in the list has no time', () => {
  const exam = toReportDetail({ Report: { ...SUMMARY, ReportType: 'E', Reporter: '', Reviewer: '', Exam: { BodyPart: '胸部', Method: 'DR', Findings: '未见异常', Conclusion: '正常' } } });
  expect(exam.content).toEqual({ kind: 'exam', bodyPart: '胸部', method: 'DR', findings: '未见异常', conclusion: '正常' });
  const pathology = toReportDetail({ Report: { ...SUMMARY, ReportType: 'P', Reporter: '', Reviewer: '', Specimen: '标本', Pathology: { Gross: '灰白', Microscopic: '镜下', Diagnosis: '毛母质瘤' } } });
  expect(pathology.content).toMatchObject({ kind: 'pathology', diagnosis: '毛母质瘤' });
  expect(toReportSummaries({ Reports: { Report: [{ ...SUMMARY, Status: '0', ReportTime: '' }] } })[0]).toMatchObject({ status: 'pending', reportedAt: null });
});

test('off-protocol answers are refused, naming the tag and never the clinical text', () => {
  const cases: [() => unknown, string][] = [
    [() => toReportDetail({ Report: { ...SUMMARY, Status: '0', Reporter: '', Reviewer: '' } }), 'Status'],
    [() => toReportDetail({ Report: { ...SUMMARY, Reporter: '', Reviewer: '', Results: { Result: [{ ...RESULT, Flag: 'X' }] } } }), 'Flag'],
    [() => toReportDetail({ Report: { ...SUMMARY, ReportType: 'E', Reporter: '', Reviewer: '' } }), 'Exam'],
    [() => toReportSummaries({ Reports: { Report: [{ ...SUMMARY, ReportTime: '' }] } }), 'ReportTime'],
    [() => toReportSummaries({ Reports: { Report: [{ ...SUMMARY, ReportType: 'Z' }] } }), 'ReportType'],
    [() => toVisitRecord({ Record: { VisitNo: 'MZ1', VisitDate: '2026-11-26', DeptName: '呼吸科', DoctorName: '王', Diagnosis: '支气管肺炎', ChiefComplaint: '咳嗽', PresentIllness: '', PhysicalExam: '', Diagnoses: '', Advice: '' } }), 'Diagnoses'],
    [() => toLabTrend({ Trend: { ItemCode: 'WBC', ItemName: '白细胞计数', Unit: '', RefRange: '', RefLow: '', RefHigh: '' }, Points: { Point: [{ ReportNo: 'JY1', ReportTime: '2026-11-26 10:30:00', Value: '高', Flag: 'H' }] } }), 'Value'],
  ];
  for (const [fn, tag] of cases) {
    const e = protocolError(fn);
    expect(e.message).toContain(tag);
    for (const clinical of ['支气管肺炎', '咳嗽', '15.80', '高', '血常规']) expect(e.message).not.toContain(clinical);
  }
});
