#pragma once

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir()
    {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path()
            / ("smpp-logging-test-" + std::to_string(std::random_device{}()) + "-"
                + std::to_string(counter++));
        std::filesystem::remove_all(path_);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};
