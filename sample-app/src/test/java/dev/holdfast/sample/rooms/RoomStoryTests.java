package dev.holdfast.sample.rooms;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class RoomStoryTests {

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldPlayTomAndJackRoomBookingStory() throws Exception {
        mvc.perform(post("/rooms/101/booking").param("user", "Tom").param("minutes", "15"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.occupant").value("Tom"));
        mvc.perform(post("/rooms/101/booking").param("user", "Jack"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.occupant").value("Tom"));
        mvc.perform(put("/rooms/101/booking").param("user", "Tom").param("minutes", "60"))
                .andExpect(status().isOk());
        mvc.perform(put("/rooms/101/booking").param("user", "Jack").param("minutes", "60"))
                .andExpect(status().isConflict());
        mvc.perform(post("/rooms/101/booking").param("user", "Jack")).andExpect(status().isConflict());
        mvc.perform(delete("/rooms/101/booking").param("user", "Tom")).andExpect(status().isOk());
        mvc.perform(get("/rooms/101"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.taken").value(false));
        mvc.perform(delete("/rooms/101/booking")).andExpect(status().isConflict());
    }
}
