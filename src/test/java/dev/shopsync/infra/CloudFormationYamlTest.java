package dev.shopsync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void everyShortFormIntrinsicBecomesItsLongForm() {
        Map<String, Object> parsed = CloudFormationYaml.parse("""
                ref: !Ref Queue
                getAtt: !GetAtt Cache.Endpoint.Address
                getAttList: !GetAtt [Queue, Arn]
                sub: !Sub '${AWS::StackName}-x'
                subWithVars: !Sub ['${A}', {A: !Ref B}]
                if: !If [IsJvm, java21, provided.al2023]
                equals: !Equals [!Ref Runtime, jvm]
                not: !Not [!Condition IsJvm]
                and: !And [!Condition A, !Condition B]
                or: !Or [!Condition A, !Condition B]
                select: !Select [0, !GetAZs '']
                split: !Split [',', 'a,b']
                join: !Join ['', [a, b]]
                findInMap: !FindInMap [Map, Key, Value]
                importValue: !ImportValue shared-vpc
                base64: !Base64 hello
                cidr: !Cidr ['10.0.0.0/16', 4, 8]
                """);

        assertEquals(Map.of("Ref", "Queue"), parsed.get("ref"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Cache", "Endpoint.Address")), parsed.get("getAtt"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), parsed.get("getAttList"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-x"), parsed.get("sub"));
        assertEquals(Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "B")))), parsed.get("subWithVars"));
        assertEquals(Map.of("Fn::If", List.of("IsJvm", "java21", "provided.al2023")), parsed.get("if"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Runtime"), "jvm")), parsed.get("equals"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "IsJvm"))), parsed.get("not"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), parsed.get("and"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))), parsed.get("or"));
        assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))), parsed.get("select"));
        assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), parsed.get("split"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of("a", "b"))), parsed.get("join"));
        assertEquals(Map.of("Fn::FindInMap", List.of("Map", "Key", "Value")), parsed.get("findInMap"));
        assertEquals(Map.of("Fn::ImportValue", "shared-vpc"), parsed.get("importValue"));
        assertEquals(Map.of("Fn::Base64", "hello"), parsed.get("base64"));
        assertEquals(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), parsed.get("cidr"));
    }

    @Test
    void anUnknownTagFailsTheParseAsItWouldFailTheDeployment() {
        assertThrows(RuntimeException.class, () -> CloudFormationYaml.parse("x: !Reff Queue\n"));
    }

    @Test
    void aGetAttWithoutAttributeFails() {
        assertThrows(RuntimeException.class, () -> CloudFormationYaml.parse("x: !GetAtt Queue\n"));
    }
}
