// Domain content → Baileys' AnyMessageContent.
import type { AnyMessageContent } from 'baileys';
import type { OutgoingContent } from '../../core/ports/engine.js';

export function toOutgoingMessage(content: OutgoingContent): AnyMessageContent {
  switch (content.kind) {
    case 'text':
      return { text: content.text };
  }
}
