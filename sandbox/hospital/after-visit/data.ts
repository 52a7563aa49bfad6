/** The after-the-visit data file (`data/after-visit.json`), typed. */
import afterVisitJson from '../data/after-visit.json';

export interface SurveyQuestionData {
  questionId: string;
  type: 'score' | 'text';
  title: string;
}

export interface AfterVisitData {
  survey: { inviteAt: string; answerDays: number; textMaxLength: number; questions: SurveyQuestionData[] };
  nat: { payMode: 'ONLINE' | 'ONSITE'; singleFeeFen: number; mixedFeeFen: number };
  invoice: {
    regionCode: string;
    kindCode: string;
    titles: Record<string, string>;
    categories: Record<string, string>;
    fallbackCategory: string;
    issuer: string;
    supervisor: string;
  };
}

export const afterVisitData = afterVisitJson as AfterVisitData;
