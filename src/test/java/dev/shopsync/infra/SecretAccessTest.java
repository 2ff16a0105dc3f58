package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trust model in IAM: only sync-slice (the function that calls Shopify) reads Admin tokens; only webhook reads
 * webhook signing secrets; planner, status, read and migrate read no Shopify secret at all; only migrate reads the
 * migration login.
 */
class SecretAccessTest {

    private static SamTemplate template;
    private static SecretAccess access;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.project();
        access = new SecretAccess(template);
    }

    @Test
    void everyFunctionPolicyCanBeJudged() {
        assertEquals(List.of(), access.unjudgeable());
    }

    @Test
    void onlySyncSliceReadsAdminTokens() {
        assertEquals(Set.of("SyncSliceFunction"), access.readersOf(SecretAccess.TOKEN));
    }

    @Test
    void onlyWebhookReadsWebhookSigningSecrets() {
        assertEquals(Set.of("WebhookFunction"), access.readersOf(SecretAccess.WEBHOOK));
    }

    @Test
    void nothingReadsTheWholeShopifyPrefix() {
        assertEquals(Set.of(), access.readersOf(SecretAccess.ANY_SHOPIFY));
    }

    @Test
    void theWebhookFunctionHasNoQueueAccess() {
        assertEquals(Set.of("PlannerFunction", "SyncSliceFunction"), access.usersOf("sqs"));
    }

    @Test
    void onlyTheMigrateFunctionReadsTheMigrationLogin() {
        assertEquals(Set.of("MigrateFunction"), access.readersOf(List.of("${DatabaseMigrationSecretArn}")));
    }

    @Test
    void everyFunctionReadsTheLoginsItConnectsWith() {
        Set<String> all = template.resourcesOfType(SamTemplate.FUNCTION).keySet();
        assertEquals(all, access.readersOf(List.of("${DatabaseSecretArn}")));
        assertEquals(all, access.readersOf(List.of("${RedisUserSecret}")));
        assertEquals(all, access.readersOf(List.of("${RedisSecretArn}")));
    }

    @Test
    void broadGrantsAreCaughtWhereverTheyHide() {
        SecretAccess broad = new SecretAccess(SamTemplate.parse("""
                Resources:
                  Prefix:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: secretsmanager:GetSecretValue
                              Resource: !Sub 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ShopSecretsPrefix}*'
                  Star:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: 'ssm:Get*'
                              Resource: !If [Debug, '*', !Ref Nothing]
                  Webhooks:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: secretsmanager:GetSecretValue
                              Resource: !Sub 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${ShopSecretsPrefix}webhooks/*'
                            - Effect: Deny
                              Action: '*'
                              Resource: '*'
                  Managed:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - AWSLambdaVPCAccessExecutionRole
                        - SecretsManagerReadWrite
                        - AWSSecretsManagerGetSecretValuePolicy: {SecretArn: '*'}
                """));
        assertEquals(Set.of("Prefix", "Star"), broad.readersOf(SecretAccess.TOKEN));
        assertEquals(Set.of("Prefix", "Star", "Webhooks"), broad.readersOf(SecretAccess.WEBHOOK));
        assertEquals(List.of("Managed: SecretsManagerReadWrite",
                "Managed: {AWSSecretsManagerGetSecretValuePolicy={SecretArn=*}}"), broad.unjudgeable());
    }
}
