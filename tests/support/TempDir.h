#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace smppd::test {

/// A fresh, empty folder under the system temp dir for one test, removed with everything in it
/// on destruction. Shared by every test suite that writes files.
class TempDir {
public:
    TempDir()
    {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path()
            / ("smppd-test-" + std::to_string(std::random_device{}()) + "-"
                + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    /// A file path inside the folder (nothing is created).
    std::string file(const std::string& name) const { return (path_ / name).string(); }

    /// Writes `text` to `name` (folders created) and returns the full path.
    std::string write(const std::string& name, std::string_view text) const
    {
        const auto file = path_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }

private:
    std::filesystem::path path_;
};

} // namespace smppd::test
