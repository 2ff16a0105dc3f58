package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class IamRulesTest {

    @Test
    void theProjectGrantsNoWildcardResource() throws IOException {
        IamRules rules = new IamRules(SamTemplate.project());
        assertFalse(rules.statements().isEmpty(), "the functions' inline policies were found");
        assertEquals(List.of(), rules.wildcardViolations());
    }

    @Test
    void wildcardsAreReportedWhereverTheyHide() {
        IamRules rules = new IamRules(SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - AWSLambdaVPCAccessExecutionRole
                        - SQSSendMessagePolicy: {QueueName: q}
                        - Statement:
                            - Effect: Allow
                              Action: [ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces]
                              Resource: '*'
                            - Effect: Allow
                              Action: sqs:SendMessage
                              Resource: ['*']
                            - Effect: Allow
                              Action: !If [Debug, 'logs:*', logs:PutLogEvents]
                              Resource: !If [Debug, '*', !GetAtt Logs.Arn]
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      Policies:
                        - PolicyName: p
                          PolicyDocument:
                            Statement:
                              Effect: Allow
                              Action: [xray:PutTraceSegments, s3:GetObject]
                              Resource: '*'
                  Standalone:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: s3:GetObject
                            NotResource: arn:aws:s3:::private/*
                          - Effect: Deny
                            Action: '*'
                            Resource: '*'
                """));
        assertEquals(List.of(
                "Fn.Policies: Resource \"*\" for [sqs:SendMessage]",
                "Fn.Policies: Resource \"*\" for [logs:*, logs:PutLogEvents]",
                "Role.Policies: Resource \"*\" for [s3:GetObject]",
                "Standalone: NotResource/NotAction grant more than they name"), rules.wildcardViolations());
    }
}
