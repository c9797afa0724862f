package fi.ips.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key tokens are signed with, kept in a file ({@code ips.auth.signing-key-file}, the local
 * platform's data folder) so that tokens stay valid across restarts. Made on first start. Without
 * the property the key is new at every start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("ips.auth.signing-key-file")
class SigningKey {

    @Bean
    JWKSource<SecurityContext> jwkSource(Environment environment) {
        return new ImmutableJWKSet<>(new JWKSet(loadOrCreate(Path.of(environment.getRequiredProperty("ips.auth.signing-key-file")))));
    }

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key.toJSONString());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("the signing key in " + file + " is not usable: delete it to make a new one", e);
        }
    }
}
