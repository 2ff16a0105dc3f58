package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueueRulesTest {

    @Test
    void everyWorkingQueueOfTheProjectDeadLettersToAQueueOfTheTemplate() throws IOException {
        QueueRules rules = new QueueRules(SamTemplate.project());
        assertEquals(Set.of("SliceDeadLetterQueue"), rules.deadLetterQueues());
        assertEquals(List.of(), rules.redriveViolations());
    }

    @Test
    void everySqsConsumerOfTheProjectEndsBeforeItsMessageReappears() throws IOException {
        QueueRules rules = new QueueRules(SamTemplate.project());
        assertFalse(rules.consumers().isEmpty(), "sync-slice consumes the slice queue");
        assertEquals(List.of(), rules.visibilityViolations());
    }

    @Test
    void aQueueWithoutRedriveIsReported() {
        QueueRules rules = new QueueRules(SamTemplate.parse("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                  Other:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:elsewhere
                        maxReceiveCount: 5
                """));
        assertEquals(List.of("Work has no RedrivePolicy.deadLetterTargetArn",
                "Other dead-letters to arn:aws:sqs:eu-west-1:123456789012:elsewhere, not a queue of this template"),
                rules.redriveViolations());
    }

    @Test
    void aTimeoutFromGlobalsAndAVisibilityFromAParameterAreCompared() {
        QueueRules rules = new QueueRules(SamTemplate.parse("""
                Parameters:
                  Visibility:
                    Type: Number
                    Default: 300
                Globals:
                  Function:
                    Timeout: 300
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: !Ref Visibility
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Q:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Work.Arn
                  Plain:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 20
                  Mapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      EventSourceArn: !GetAtt Work.Arn
                      FunctionName: !Ref Plain.Alias
                """));
        assertEquals(List.of("Fn runs up to 300 s but Work hides a message only 300 s"), rules.visibilityViolations());
        assertEquals(List.of(new QueueRules.Consumer("Fn", "Work"), new QueueRules.Consumer("Plain", "Work")),
                rules.consumers());
    }
}
