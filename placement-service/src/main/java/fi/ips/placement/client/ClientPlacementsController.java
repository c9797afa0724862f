package fi.ips.placement.client;

import fi.ips.placement.lifecycle.PlacementRequests;
import fi.ips.placement.lifecycle.PlacementView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** All of a client's jobs and studies, each with its current state and history. */
@RestController
class ClientPlacementsController {

    private final PlacementRequests requests;

    ClientPlacementsController(PlacementRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/api/v1/clients/{clientId}/placements")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    List<PlacementView> placements(@PathVariable String clientId) {
        return requests.ofClient(clientId);
    }
}
