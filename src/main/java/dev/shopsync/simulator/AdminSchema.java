package dev.shopsync.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.GraphQLError;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import graphql.validation.Validator;

/**
 * Shopify's real Admin API schema (2026-10), built from the introspection result Shopify publishes and made
 * executable for the simulator: every custom scalar passes values through, every interface and union resolves by the
 * {@code __typename} entry of the backing map, and every field reads its backing map ({@link BackingMapFetcher}).
 *
 * <p>Building it takes seconds, so it is built once per JVM and kept; it is immutable and holds no shop state, which
 * lives in the per-request root object instead.
 */
public final class AdminSchema {

    public static final String CLASSPATH_RESOURCE = "shopify/schema/admin_2026-10.json.gz";

    private static final Object LOCK = new Object();
    private static volatile GraphQLSchema schema;

    private AdminSchema() {
    }

    /**
     * The schema, from the classpath resource when it is there (tests), else from {@code fallbackFile} (dev mode, where
     * test resources are not on the classpath). Later calls return the first schema whatever file they name.
     */
    public static GraphQLSchema load(Path fallbackFile) {
        GraphQLSchema loaded = schema;
        if (loaded == null) {
            synchronized (LOCK) {
                loaded = schema;
                if (loaded == null) {
                    loaded = build(fallbackFile);
                    schema = loaded;
                }
            }
        }
        return loaded;
    }

    /** Parse and validation errors for {@code query} against the Admin schema; empty when it is valid. */
    public static List<GraphQLError> validate(String query) {
        try {
            return validate(Parser.parse(query));
        } catch (InvalidSyntaxException e) {
            return List.of(e.toInvalidSyntaxError());
        }
    }

    static List<GraphQLError> validate(Document document) {
        GraphQLSchema admin = load(SimulatorOptions.DEFAULT_SCHEMA_FILE);
        return List.copyOf(new Validator().validateDocument(admin, document, Locale.ENGLISH));
    }

    private static GraphQLSchema build(Path fallbackFile) {
        try (InputStream in = open(fallbackFile); InputStream json = new GZIPInputStream(in, 1 << 16)) {
            Map<String, Object> introspection = new ObjectMapper().readValue(json, new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> data = introspection.containsKey("data")
                    ? (Map<String, Object>) introspection.get("data")
                    : introspection;
            Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(data);
            TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
            RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new MapWiring());
            registry.scalars().keySet().stream()
                    .filter(name -> !ScalarInfo.isGraphqlSpecifiedScalar(name))
                    .forEach(name -> wiring.scalar(PassThroughScalar.named(name)));
            return new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Shopify Admin schema", e);
        }
    }

    private static InputStream open(Path fallbackFile) throws IOException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return open(fallbackFile, context != null ? context : AdminSchema.class.getClassLoader());
    }

    /** The gzipped introspection JSON: the classpath resource if {@code loader} has it, else the file. */
    static InputStream open(Path fallbackFile, ClassLoader loader) throws IOException {
        InputStream resource = loader.getResourceAsStream(CLASSPATH_RESOURCE);
        if (resource != null) {
            return resource;
        }
        if (fallbackFile == null || !Files.isRegularFile(fallbackFile)) {
            throw new IllegalStateException("Shopify Admin schema not found: neither classpath resource "
                    + CLASSPATH_RESOURCE + " nor file " + (fallbackFile == null ? null : fallbackFile.toAbsolutePath()));
        }
        return Files.newInputStream(fallbackFile);
    }

    /** Wires the whole schema generically, so nothing here changes when the simulator models more fields. */
    private static final class MapWiring implements WiringFactory {

        private static final TypeResolver BY_TYPENAME = env -> env.getObject() instanceof Map<?, ?> map
                && map.get("__typename") instanceof String typeName
                        ? env.getSchema().getObjectType(typeName)
                        : null;

        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
            return BY_TYPENAME;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
            return BY_TYPENAME;
        }

        @Override
        public graphql.schema.DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
            return BackingMapFetcher.INSTANCE;
        }
    }
}
