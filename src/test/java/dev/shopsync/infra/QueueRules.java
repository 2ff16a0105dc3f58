package dev.shopsync.infra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a queue of the template must satisfy: every working queue dead-letters to a queue of the template, and
 * every function consuming a queue finishes before the message becomes visible again (else a second
 * invocation runs the same slice while the first still holds it).
 */
final class QueueRules {

    private final SamTemplate template;

    QueueRules(SamTemplate template) {
        this.template = template;
    }

    /** Logical ids of queues that some queue's RedrivePolicy targets. */
    Set<String> deadLetterQueues() {
        Set<String> targets = new LinkedHashSet<>();
        template.resourcesOfType(SamTemplate.QUEUE).values().forEach(queue -> {
            Object target = redriveTarget(queue);
            if (target != null && SamTemplate.pointsAt(target) != null) {
                targets.add(SamTemplate.pointsAt(target));
            }
        });
        return targets;
    }

    List<String> redriveViolations() {
        List<String> violations = new ArrayList<>();
        Set<String> deadLetterQueues = deadLetterQueues();
        template.resourcesOfType(SamTemplate.QUEUE).forEach((id, queue) -> {
            if (deadLetterQueues.contains(id)) {
                return;
            }
            Object target = redriveTarget(queue);
            if (target == null) {
                violations.add(id + " has no RedrivePolicy.deadLetterTargetArn");
                return;
            }
            String targetId = SamTemplate.pointsAt(target);
            if (targetId == null || !SamTemplate.QUEUE.equals(template.typeOf(targetId))) {
                violations.add(id + " dead-letters to " + target + ", not a queue of this template");
            }
        });
        return violations;
    }

    /** A consumer of a queue of the template: the function's logical id and the queue's. */
    record Consumer(String function, String queue) {
    }

    /** SQS consumers, from SAM {@code Events} of type SQS and from plain {@code AWS::Lambda::EventSourceMapping}s. */
    List<Consumer> consumers() {
        List<Consumer> consumers = new ArrayList<>();
        template.resourcesOfType(SamTemplate.FUNCTION).keySet().forEach(function -> {
            Map<String, Object> events = SamTemplate.map(template.functionProperties(function).get("Events"));
            events.values().forEach(event -> {
                Map<String, Object> e = SamTemplate.map(event);
                if ("SQS".equals(e.get("Type"))) {
                    consumers.add(new Consumer(function, SamTemplate.pointsAt(SamTemplate.properties(e).get("Queue"))));
                }
            });
        });
        template.resourcesOfType("AWS::Lambda::EventSourceMapping").values().forEach(mapping -> {
            Map<String, Object> properties = SamTemplate.properties(mapping);
            String source = SamTemplate.pointsAt(properties.get("EventSourceArn"));
            if (source != null && SamTemplate.QUEUE.equals(template.typeOf(source))) {
                consumers.add(new Consumer(SamTemplate.pointsAt(properties.get("FunctionName")), source));
            }
        });
        return consumers;
    }

    List<String> visibilityViolations() {
        List<String> violations = new ArrayList<>();
        for (Consumer consumer : consumers()) {
            if (consumer.function() == null || !SamTemplate.FUNCTION.equals(template.typeOf(consumer.function()))) {
                violations.add("an SQS consumer that is not a function of this template: " + consumer);
                continue;
            }
            if (consumer.queue() == null || !SamTemplate.QUEUE.equals(template.typeOf(consumer.queue()))) {
                violations.add(consumer.function() + " consumes a queue that is not in this template");
                continue;
            }
            int timeout = template.functionTimeout(consumer.function());
            Object visibility = SamTemplate.properties(template.resource(consumer.queue()).orElseThrow())
                    .get("VisibilityTimeout");
            int visibilitySeconds = visibility == null ? 30 : template.resolveInt(visibility); // SQS default 30 s
            if (timeout >= visibilitySeconds) {
                violations.add(consumer.function() + " runs up to " + timeout + " s but " + consumer.queue()
                        + " hides a message only " + visibilitySeconds + " s");
            }
        }
        return violations;
    }

    private static Object redriveTarget(Map<String, Object> queue) {
        return SamTemplate.map(SamTemplate.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn");
    }
}
