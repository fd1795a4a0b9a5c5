import type { DiligenceConfig } from '../config';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import type { TemplateReference } from '../template/reference';

export interface RuleContext {
  config: DiligenceConfig;
  today: Date;
  /** the template the document is held to, when known */
  template?: TemplateReference;
}

/** A local rule: reads the model, says what it finds. No I/O. */
export type Rule = (model: DiligenceModel, ctx: RuleContext) => Finding[];
