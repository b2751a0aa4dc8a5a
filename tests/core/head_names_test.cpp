// SPDX-License-Identifier: MIT
// heads.json: a model folder's names for its heads, checked against the model's shape.
#include "base/error.h"
#include "models/head_names.h"

#include <gtest/gtest.h>

using namespace qkview;

TEST(HeadNames, ReadsOneNameAndDescriptionPerHead) {
    const auto names = parseHeadNames(R"({"layers": [[{"name": "previous token", "description": "looks back one"},
                                                      {"name": " induction ", "description": ""}]]})",
                                      1, 2, QStringLiteral("heads.json"));
    ASSERT_EQ(names.size(), 1u);
    ASSERT_EQ(names[0].size(), 2u);
    EXPECT_EQ(names[0][0].name, QStringLiteral("previous token"));
    EXPECT_EQ(names[0][0].description, QStringLiteral("looks back one"));
    EXPECT_EQ(names[0][1].name, QStringLiteral("induction")) << "trimmed";
}

struct BrokenHeadNames {
    const char* json;
    const char* expected; // part of the message
};

class HeadNamesRefusal : public testing::TestWithParam<BrokenHeadNames> {};

TEST_P(HeadNamesRefusal, NamesTheFileAndTheProblem) {
    try {
        parseHeadNames(GetParam().json, 2, 2, QStringLiteral("dir/heads.json"));
        FAIL() << "accepted " << GetParam().json;
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::InvalidModel);
        EXPECT_NE(std::string(e.what()).find("dir/heads.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(GetParam().expected), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, HeadNamesRefusal,
    testing::Values(BrokenHeadNames{"{", "not JSON"}, BrokenHeadNames{"[]", "list of 2 layers"},
                    BrokenHeadNames{R"({"layers": [[{"name": "a"}, {"name": "b"}]]})", "list of 2 layers"},
                    BrokenHeadNames{R"({"layers": [[{"name": "a"}], [{"name": "a"}, {"name": "b"}]]})", "layer 0: expected a list of 2 heads"},
                    BrokenHeadNames{R"({"layers": [[{"name": "a"}, {"name": ""}], [{"name": "a"}, {"name": "b"}]]})", "layer 0 head 1"},
                    BrokenHeadNames{R"({"layers": [[{"name": "a"}, {"name": "b"}], [{"name": "a"}, {"name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]]})", "layer 1 head 1"},
                    BrokenHeadNames{R"({"layers": [[{"name": "a"}, {"name": "b"}], [{"name": "a"}, 7]]})", "layer 1 head 1"}));
