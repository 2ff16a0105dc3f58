package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnvironmentSecretsTest {

    @Test
    void noFunctionCarriesASecretInItsEnvironment() throws IOException {
        assertEquals(List.of(), new EnvironmentSecrets(SamTemplate.project()).violations());
    }

    @Test
    void secretsAreFoundInGlobalsAndFunctionsWhateverTheirForm() {
        EnvironmentSecrets secrets = new EnvironmentSecrets(SamTemplate.parse("""
                Globals:
                  Function:
                    Environment:
                      Variables:
                        QUARKUS_DATASOURCE_USERNAME: !Sub '{{resolve:secretsmanager:${Db}:SecretString:username}}'
                        SHOPSYNC_LOGINS_DATABASE_SECRET_ID: !Ref Db
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          SHOPSYNC_WEBHOOKS_APP_SECRET_ID: !Sub '${Prefix}webhooks/app-secret'
                          SHOPSYNC_WEBHOOKS_APP_SECRET: literal-value
                          QUARKUS_REDIS_HOSTS: !If [Created, 'rediss://app:hunter2@cache:6379', 'rediss://cache:6379']
                          OTHER: '{{resolve:ssm-secure:/x}}'
                """));
        assertEquals(List.of(
                "Globals.QUARKUS_DATASOURCE_USERNAME: a secret by its name; name the secret (…_SECRET_ID) instead",
                "Globals.QUARKUS_DATASOURCE_USERNAME: a dynamic reference puts the secret in the environment",
                "Fn.SHOPSYNC_WEBHOOKS_APP_SECRET: a secret by its name; name the secret (…_SECRET_ID) instead",
                "Fn.QUARKUS_REDIS_HOSTS: a URL with a login in it",
                "Fn.OTHER: a dynamic reference puts the secret in the environment"), secrets.violations());
    }
}
