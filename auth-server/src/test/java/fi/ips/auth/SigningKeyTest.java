package fi.ips.auth;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyTest {

    @Test
    void theKeyMadeOnFirstStartIsTheKeyOfEveryLaterStart(@TempDir Path data) throws Exception {
        Path file = data.resolve("auth").resolve("signing-key.json");

        RSAKey first = SigningKey.loadOrCreate(file);
        RSAKey again = SigningKey.loadOrCreate(file);

        assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(again.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
